package ai.automations.registry.source;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A source as the API shows it: where to point the external registry's webhook ({@code receiverPath}). */
public record SourceView(String id, String entity, String name, String kind, String registry, String project,
        String secret, String receiverPath, String createdBy, OffsetDateTime createdAt) {

    static String receiverPath(UUID id) {
        return "/api/v1/sources/" + id + "/events";
    }
}
