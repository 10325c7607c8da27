package ai.automations.registry.source;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.auth.Caller;
import ai.automations.common.error.ApiException;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.integration.SecretChecker;
import ai.automations.registry.integration.SecretChecker.SecretField;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.project.Project;
import ai.automations.registry.registry.Registry;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * An entity's sources: the registry must exist (422), the secret must exist in secrets-service (422), the project
 * is created when missing; a name is unique per entity (409).
 */
@ApplicationScoped
public class SourceService {

    private final Tx tx;
    private final SecretChecker secrets;
    private final SourceSecrets values;
    private final InstantSource clock;

    public SourceService(Tx tx, SecretChecker secrets, SourceSecrets values, InstantSource clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.values = values;
        this.clock = clock;
    }

    public Uni<SourceView> create(Caller caller, String entityName, SourceRequest request) {
        String project = request.project() != null ? request.project() : request.name();
        return secrets.requireAll(entityName, List.of(new SecretField("secret", request.secret())))
                .chain(() -> tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> Source
                        .find(entity.id, request.name()).flatMap(existing -> {
                            if (existing != null) {
                                throw ApiException.conflict("Source '" + request.name() + "' exists in '"
                                        + entityName + "'.", "name");
                            }
                            return Registry.KIND.find(entity.id, request.registry());
                        }).flatMap(registry -> {
                            if (registry == null) {
                                throw ApiException.unprocessable("Registry '" + request.registry()
                                        + "' does not exist in entity '" + entityName + "'; create it first.",
                                        "registry");
                            }
                            return Project.KIND.find(entity.id, project);
                        }).flatMap(existingProject -> {
                            if (existingProject != null) {
                                return Uni.createFrom().voidItem();
                            }
                            Project p = new Project();
                            p.id = UUID.randomUUID();
                            p.entityId = entity.id;
                            p.name = project;
                            p.description = "Versions announced by source '" + request.name() + "'.";
                            p.createdAt = Timestamps.now(clock);
                            return p.persist().replaceWithVoid();
                        }).flatMap(ignored -> {
                            Source s = new Source();
                            s.id = UUID.randomUUID();
                            s.entityId = entity.id;
                            s.name = request.name();
                            s.kind = request.kind();
                            s.registry = request.registry();
                            s.project = project;
                            s.secret = request.secret();
                            s.createdBy = caller.name();
                            s.createdAt = Timestamps.now(clock);
                            return s.persist().replaceWith(() -> s.view(entityName));
                        }))));
    }

    public Uni<Page<SourceView>> list(String entityName, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Source
                .<Source>find("entityId = ?1 and name > ?2 order by name", entity.id,
                        page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()
                .map(rows -> Page.of(rows, page, s -> s.name, s -> s.view(entityName)))));
    }

    public Uni<SourceView> get(String entityName, String name) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Source.find(entity.id, name)))
                .map(s -> found(s, entityName, name).view(entityName));
    }

    /** Deletes the source and its delivery records; the collections and versions it mirrored stay. */
    public Uni<Void> delete(String entityName, String name) {
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> Source.find(entity.id, name))
                .flatMap(s -> {
                    Source source = found(s, entityName, name);
                    values.forget(entityName, source.secret);
                    return Source.delete("id", source.id).replaceWithVoid();
                }));
    }

    private static Source found(Source s, String entityName, String name) {
        if (s == null) {
            throw ApiException.notFound("No source '" + name + "' in entity '" + entityName + "'.");
        }
        return s;
    }
}
