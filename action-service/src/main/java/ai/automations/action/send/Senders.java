package ai.automations.action.send;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.integration.IntegrationDescriptor;
import io.quarkus.arc.All;

/** Every {@link Sender} of the service, found by the action type it carries out or the integration kind it calls. */
@ApplicationScoped
public class Senders {

    private final List<Sender> all;

    public Senders(@All List<Sender> all) {
        this.all = List.copyOf(all);
    }

    public Optional<Sender> forAction(ActionType type) {
        return all.stream().filter(s -> s.actionType() == type).findFirst();
    }

    public Optional<Sender> forIntegration(IntegrationDescriptor.Kind kind) {
        return all.stream().filter(s -> s.kind() == kind).findFirst();
    }
}
