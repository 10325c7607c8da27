package ai.automations.registry.source;

import java.util.List;

/**
 * A verified delivery as its kind reads it: the key it is deduplicated on, its event name, and the registry changes
 * it asks for. No changes means the event is not one this suite maps ({@code ignoredBecause} says why): 202.
 */
record Delivery(String key, String event, List<MirrorChange> changes, String ignoredBecause) {

    static Delivery mapped(String key, String event, List<MirrorChange> changes) {
        return new Delivery(key, event, List.copyOf(changes), null);
    }

    static Delivery ignored(String key, String event, String because) {
        return new Delivery(key, event, List.of(), because);
    }

    boolean isIgnored() {
        return changes.isEmpty();
    }
}
