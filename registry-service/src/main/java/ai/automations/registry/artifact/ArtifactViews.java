package ai.automations.registry.artifact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.validation.AliasName;
import ai.automations.common.validation.ResourceName;
import ai.automations.common.validation.TagName;

/** Bodies of the artifact endpoints. */
public final class ArtifactViews {

    private ArtifactViews() {
    }

    /** {@code POST /api/v1/entities/{e}/projects/{p}/artifacts}. */
    public record CreateArtifact(@NotNull @ResourceName String collection, @NotNull @ResourceName String type,
            ObjectNode metadata, List<@NotNull @AliasName String> aliases, List<@NotNull @TagName String> tags,
            @ResourceName String runId, @Size(max = 512) String digest) {
    }

    /** {@code POST .../links}. */
    public record LinkRequest(
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}",
                    message = "is not an artifact id") String artifactId,
            List<@NotNull @AliasName String> aliases) {
    }

    /** {@code POST .../aliases}. */
    public record AliasRequest(@NotNull @AliasName String alias) {
    }

    /** {@code POST .../tags}. */
    public record TagRequest(@NotNull @TagName String tag) {
    }

    /**
     * A version as one collection numbers it. {@code id} is the artifact's id (the same in every collection);
     * {@code source} is the project collection version it was created as; {@code links} are its versions in
     * registry collections.
     */
    public record VersionView(
            String id,
            String entity,
            String project,
            String registry,
            String collection,
            String collectionId,
            String type,
            String version,
            int versionIndex,
            String versionString,
            String digest,
            Map<String, Object> metadata,
            String runId,
            String author,
            OffsetDateTime createdAt,
            List<String> aliases,
            List<String> tags,
            SourceView source,
            List<LinkView> links) {
    }

    /** The project collection version an artifact was created as. */
    public record SourceView(String project, String collection, String collectionId, String version, int versionIndex,
            String versionString) {
    }

    /** An artifact's version in a registry collection. */
    public record LinkView(String registry, String collection, String collectionId, String version, int versionIndex,
            String versionString, List<String> aliases, List<String> tags, String linkedBy, OffsetDateTime linkedAt) {
    }
}
