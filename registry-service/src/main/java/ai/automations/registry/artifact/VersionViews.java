package ai.automations.registry.artifact;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.registry.artifact.ArtifactViews.LinkView;
import ai.automations.registry.artifact.ArtifactViews.SourceView;
import ai.automations.registry.artifact.ArtifactViews.VersionView;
import ai.automations.registry.artifact.VersionStore.StoredVersion;
import ai.automations.registry.collection.CollectionService;
import ai.automations.registry.support.JsonText;
import ai.automations.registry.support.Names;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Builds the API view of a version: its aliases and tags in its collection, its source and its links. */
@ApplicationScoped
public class VersionViews {

    /** {@code latest} first, then the other aliases alphabetically. */
    static final Comparator<String> ALIAS_ORDER = Comparator
            .comparing((String a) -> !Names.LATEST.equals(a)).thenComparing(Comparator.naturalOrder());

    private final CollectionService collections;
    private final JsonText json;

    public VersionViews(CollectionService collections, JsonText json) {
        this.collections = collections;
        this.json = json;
    }

    public Uni<VersionView> view(VersionContext v) {
        return aliases(v.version().id).flatMap(aliases -> tags(v.version().id).flatMap(tags -> links(v)
                .map(links -> view(v, aliases, tags, links))));
    }

    /** The view of a version read in one statement ({@link VersionStore}). */
    public VersionView view(StoredVersion stored) {
        return view(stored.context(), stored.aliases(), stored.tags(), stored.links());
    }

    private VersionView view(VersionContext v, List<String> aliases, List<String> tags, List<LinkView> links) {
        Artifact a = v.artifact();
        SourceView source = new SourceView(v.sourcePath().project(), v.sourcePath().collection().name,
                v.sourcePath().key(), Names.version(v.sourceIndex()), v.sourceIndex(), v.sourceVersionString());
        return new VersionView(a.id.toString(), v.path().entity().name, v.path().project(), v.path().registry(),
                v.path().collection().name, v.path().key(), a.type, v.versionName(), v.version().versionIndex,
                v.versionString(), a.digest, json.readMap(a.metadata), a.runId, a.author, v.version().createdAt,
                aliases, tags, source, links);
    }

    Uni<List<String>> aliases(UUID versionId) {
        return VersionAlias.<VersionAlias>find("versionId", versionId).list()
                .map(rows -> rows.stream().map(r -> r.alias).sorted(ALIAS_ORDER).toList());
    }

    Uni<List<String>> tags(UUID versionId) {
        return VersionTag.<VersionTag>find("versionId = ?1 order by tag", versionId).list()
                .map(rows -> rows.stream().map(r -> r.tag).toList());
    }

    private Uni<List<LinkView>> links(VersionContext v) {
        Artifact a = v.artifact();
        return CollectionVersion.<CollectionVersion>find(
                "artifactId = ?1 and collectionId <> ?2 order by createdAt, id", a.id, a.collectionId).list()
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(link -> collections.pathOf(link.collectionId)
                                .flatMap(path -> aliases(link.id).flatMap(aliases -> tags(link.id)
                                        .map(tags -> new LinkView(path.registry(), path.collection().name, path.key(),
                                                Names.version(link.versionIndex), link.versionIndex,
                                                path.versionString(link.versionIndex), aliases, tags, link.createdBy,
                                                link.createdAt)))))
                        .collect().asList());
    }
}
