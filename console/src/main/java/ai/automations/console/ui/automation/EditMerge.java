package ai.automations.console.ui.automation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Editing replaces an automation whole ({@code PUT}), so a field the form does not show would be lost on every save.
 * This keeps them: whatever the stored automation holds that the form does not know (a field the API gained later)
 * is carried into the request, at the top level, and inside the scope, the event filter and the action while their
 * type is unchanged (another type takes other fields). What the form shows, it decides, clearing included.
 */
final class EditMerge {

    /** Set by the server, never sent. */
    private static final Set<String> READ_ONLY = Set.of("id", "entity", "createdBy", "createdAt", "updatedAt");
    private static final Set<String> TOP = Set.of("name", "description", "enabled", "scope", "event", "action",
            "rateLimit");
    private static final Set<String> SCOPE = Set.of("type", "project", "registry", "collection");
    private static final Set<String> FILTER = Set.of("aliasRegex", "tagRegex", "metric", "agg", "window", "cmp",
            "threshold", "currentWindow", "priorWindow", "changeType", "changeDir", "amount", "states",
            "runNameRegex", "user", "minutes", "where");
    private static final Set<String> ACTION = Set.of("type", "integration", "payload", "title", "message",
            "severity");

    private EditMerge() {
    }

    /** {@code request} (the form's automation JSON) with what {@code stored} holds beyond the form. */
    static Map<String, Object> keepUnknown(Map<String, Object> stored, Map<String, Object> request) {
        Map<String, Object> merged = new LinkedHashMap<>(request);
        stored.forEach((key, value) -> {
            if (!READ_ONLY.contains(key) && !TOP.contains(key) && value != null) {
                merged.putIfAbsent(key, value);
            }
        });
        merged.put("scope", sameType(map(stored.get("scope")), map(request.get("scope")), SCOPE));
        merged.put("action", sameType(map(stored.get("action")), map(request.get("action")), ACTION));
        Map<String, Object> storedEvent = map(stored.get("event"));
        Map<String, Object> event = new LinkedHashMap<>(map(request.get("event")));
        if (Objects.equals(storedEvent.get("type"), event.get("type"))) {
            Map<String, Object> filter = new LinkedHashMap<>(map(event.get("filter")));
            map(storedEvent.get("filter")).forEach((key, value) -> {
                if (!FILTER.contains(key) && value != null) {
                    filter.putIfAbsent(key, value);
                }
            });
            if (!filter.isEmpty()) {
                event.put("filter", filter);
            }
        }
        merged.put("event", event);
        return merged;
    }

    private static Map<String, Object> sameType(Map<String, Object> stored, Map<String, Object> sent,
            Set<String> known) {
        Map<String, Object> merged = new LinkedHashMap<>(sent);
        if (Objects.equals(stored.get("type"), sent.get("type"))) {
            stored.forEach((key, value) -> {
                if (!known.contains(key) && value != null) {
                    merged.putIfAbsent(key, value);
                }
            });
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
