package ai.automations.action.send;

import java.util.function.Supplier;

import ai.automations.common.automation.ActionSpec.ActionType;
import ai.automations.common.integration.IntegrationDescriptor;
import io.smallrye.mutiny.Uni;

/**
 * One kind of integration that actions are sent through (webhook, Slack). Deliveries and the integration test call
 * both go through this one contract, so both render, sign, check addresses and queue in lanes the same way.
 */
public interface Sender {

    /** The kind of integration this sender calls. */
    IntegrationDescriptor.Kind kind();

    /** The action type carried out through this kind of integration. */
    ActionType actionType();

    /**
     * Renders {@code request}, waits for a slot in its lane, asks {@code clearance} right before the call leaves (false:
     * the call is withheld) and reads the answer. Fails with {@code IntegrationNotUsableException} or
     * {@code DependencyUnavailableException} when nothing could be sent.
     */
    Uni<SendOutcome> send(SendRequest request, Supplier<Uni<Boolean>> clearance);

    /** Sends with no clearance to ask (the integration test call). */
    default Uni<SendOutcome> send(SendRequest request) {
        return send(request, () -> Uni.createFrom().item(true));
    }
}
