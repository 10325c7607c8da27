package ai.automations.registry.collection;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.auth.Caller;
import ai.automations.common.error.ApiException;
import ai.automations.common.event.EventType;
import ai.automations.registry.artifact.ArtifactEvents;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import io.smallrye.mutiny.Uni;

/**
 * Tags on a collection (project or registry): adding one emits {@code ADD_COLLECTION_TAG}, removing one
 * {@code REMOVE_COLLECTION_TAG}, through the outbox in the same transaction, under the collection's row lock.
 * Adding a tag the collection has changes nothing and emits nothing.
 */
@ApplicationScoped
public class CollectionTagService {

    private final Tx tx;
    private final CollectionService collections;
    private final ArtifactEvents events;
    private final JsonText json;

    public CollectionTagService(Tx tx, CollectionService collections, ArtifactEvents events, JsonText json) {
        this.tx = tx;
        this.collections = collections;
        this.events = events;
        this.json = json;
    }

    public Uni<CollectionView> add(Caller caller, CollectionRef ref, String tag) {
        String author = caller.name();
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> {
            List<String> tags = tags(path);
            if (tags.contains(tag)) {
                return Uni.createFrom().item(collections.view(path));
            }
            tags.add(tag);
            path.collection().tags = json.write(tags);
            return events.emitCollectionTag(EventType.ADD_COLLECTION_TAG, path, tag, author)
                    .replaceWith(() -> collections.view(path));
        }));
    }

    public Uni<Void> remove(Caller caller, CollectionRef ref, String tag) {
        Names.tag(tag, "tag");
        String author = caller.name();
        return tx.write(() -> collections.resolve(ref, true).flatMap(path -> {
            List<String> tags = tags(path);
            if (!tags.remove(tag)) {
                throw ApiException.notFound("Collection '" + ref.name() + "' has no tag '" + tag + "'.");
            }
            path.collection().tags = json.write(tags);
            return events.emitCollectionTag(EventType.REMOVE_COLLECTION_TAG, path, tag, author).replaceWithVoid();
        }));
    }

    private List<String> tags(CollectionPath path) {
        return new ArrayList<>(path.collection().tags == null ? List.of()
                : List.of(json.read(path.collection().tags, String[].class)));
    }
}
