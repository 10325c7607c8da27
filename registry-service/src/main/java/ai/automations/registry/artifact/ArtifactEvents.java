package ai.automations.registry.artifact;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.registry.outbox.Outbox;
import ai.automations.registry.support.JsonText;
import io.smallrye.mutiny.Uni;

/**
 * Writes artifact events to the outbox: subject = the version string, key = the id of the collection the event
 * happens in, data = the version as that collection numbers it plus where it comes from.
 */
@ApplicationScoped
public class ArtifactEvents {

    private final Outbox outbox;
    private final JsonText json;

    public ArtifactEvents(Outbox outbox, JsonText json) {
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<CloudEvent> emit(EventType type, VersionContext v, String alias, String tag, String author) {
        return outbox.event(type, v.versionString(), v.path().key(), data(v, alias, tag, author));
    }

    ArtifactEventData data(VersionContext v, String alias, String tag, String author) {
        Artifact a = v.artifact();
        return new ArtifactEventData(
                v.path().entity().name,
                v.path().project(),
                v.path().registry(),
                v.path().collection().name,
                v.path().key(),
                v.path().collection().type,
                a.id.toString(),
                a.type,
                v.versionName(),
                v.version().versionIndex,
                v.versionString(),
                a.digest,
                alias,
                tag,
                author,
                a.runId,
                json.readMap(a.metadata),
                v.sourcePath().project(),
                v.sourcePath().collection().name,
                v.sourceVersionString());
    }
}
