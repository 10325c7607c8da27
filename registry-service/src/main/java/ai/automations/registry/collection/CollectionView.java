package ai.automations.registry.collection;

import java.time.OffsetDateTime;
import java.util.List;

public record CollectionView(String id, String entity, String project, String registry, String name, String type,
        String description, List<String> tags, OffsetDateTime createdAt) {
}
