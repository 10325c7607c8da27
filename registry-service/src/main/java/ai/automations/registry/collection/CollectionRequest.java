package ai.automations.registry.collection;

import java.util.List;

/** {@code POST .../collections}. */
public record CollectionRequest(String name, String type, String description, List<String> tags) {
}
