package ai.automations.action.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.DefinitionsReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Whether an automation still exists and is enabled right before it is executed. The answer comes from the
 * {@code automation.definitions} topic, which this service follows as trigger-service does, so a delivery costs no
 * call; an automation the topic has not shown yet (this instance is still reading it, or its tombstone was compacted
 * away) is asked of registry-service.
 */
@ApplicationScoped
public class AutomationStates implements DefinitionsReader.Listener {

    /** An automation's state at execution time. */
    public enum State {
        ENABLED, DISABLED, DELETED
    }

    private final RegistryClient registry;
    private final DefinitionsReader reader;
    private final Map<String, State> known = new ConcurrentHashMap<>();

    public AutomationStates(@RestClient RegistryClient registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper mapper) {
        this.registry = registry;
        this.reader = new DefinitionsReader("action-definitions", kafkaConfig, mapper, this);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /** The state, or {@link DependencyUnavailableException} when it is not known here and registry-service cannot tell. */
    public Uni<State> state(String automationId) {
        State state = known.get(automationId);
        if (state != null) {
            return Uni.createFrom().item(state);
        }
        return registry.automation(automationId)
                .map(automation -> automation == null ? State.DELETED : stateOf(automation))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(State.DELETED)
                .onFailure(e -> !(e instanceof DependencyUnavailableException))
                .transform(e -> new DependencyUnavailableException("registry-service", e));
    }

    @Override
    public void caughtUp(Map<String, AutomationDefinition> all) {
        known.clear();
        all.forEach((id, definition) -> known.put(id, stateOf(definition)));
    }

    @Override
    public void changed(Map<String, AutomationDefinition> changes) {
        changes.forEach((id, definition) -> known.put(id, definition == null ? State.DELETED : stateOf(definition)));
    }

    @Override
    public void failed() {
        // an unusable record leaves the previous state (or the registry fallback) in place
    }

    private static State stateOf(AutomationDefinition automation) {
        return automation.enabled() ? State.ENABLED : State.DISABLED;
    }
}
