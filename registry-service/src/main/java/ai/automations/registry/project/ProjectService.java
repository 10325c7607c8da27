package ai.automations.registry.project;

import java.time.InstantSource;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.error.ApiException;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.entity.NameRequest;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Page;
import ai.automations.registry.support.PageRequest;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProjectService {

    private final Tx tx;
    private final InstantSource clock;

    public ProjectService(Tx tx, InstantSource clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public Uni<ProjectView> create(String entityName, NameRequest request) {
        String name = request.name();
        String description = request.description();
        return tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> Project.find(entity.id, name)
                .flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Project '" + name + "' exists in '" + entityName + "'.", "name");
                    }
                    Project project = new Project();
                    project.id = UUID.randomUUID();
                    project.entityId = entity.id;
                    project.name = name;
                    project.description = description;
                    project.createdAt = Timestamps.now(clock);
                    return project.persist().replaceWith(view(entityName, project));
                })));
    }

    public Uni<ProjectView> get(String entityName, String name) {
        return tx.read(() -> EntityNamespace.require(entityName)
                .flatMap(entity -> Project.require(entity.id, entityName, name)))
                .map(p -> view(entityName, p));
    }

    public Uni<Page<ProjectView>> list(String entityName, PageRequest page) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Project
                .<Project>find("entityId = ?1 and name > ?2 order by name", entity.id,
                        page.after() == null ? "" : page.after())
                .range(0, page.limit()).list()))
                .map(rows -> Page.of(rows, page, p -> p.name, p -> view(entityName, p)));
    }

    static ProjectView view(String entity, Project p) {
        return new ProjectView(entity, p.name, p.description, p.createdAt);
    }
}
