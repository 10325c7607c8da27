package ai.automations.registry.project;

import jakarta.ws.rs.Path;

import ai.automations.registry.container.ContainerResource;

/** An entity's projects. */
@Path("/api/v1/entities/{entity}/projects")
public class ProjectResource extends ContainerResource<ProjectView> {

    public ProjectResource(ProjectService projects) {
        super(projects);
    }
}
