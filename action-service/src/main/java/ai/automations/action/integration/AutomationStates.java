package ai.automations.action.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** Whether an automation still exists and is enabled, asked of registry-service right before it is executed. */
@ApplicationScoped
public class AutomationStates {

    /** An automation's state at execution time. */
    public enum State {
        ENABLED, DISABLED, DELETED
    }

    private final RegistryClient registry;

    public AutomationStates(@RestClient RegistryClient registry) {
        this.registry = registry;
    }

    /** The state, or {@link DependencyUnavailableException} when registry-service cannot tell. */
    public Uni<State> state(String automationId) {
        return registry.automation(automationId)
                .map(automation -> automation == null ? State.DELETED : automation.enabled() ? State.ENABLED : State.DISABLED)
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(State.DELETED)
                .onFailure(e -> !(e instanceof DependencyUnavailableException))
                .transform(e -> new DependencyUnavailableException("registry-service", e));
    }
}
