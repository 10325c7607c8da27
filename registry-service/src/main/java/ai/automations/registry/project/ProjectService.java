package ai.automations.registry.project;

import java.time.InstantSource;

import jakarta.inject.Singleton;

import ai.automations.registry.container.ContainerService;
import ai.automations.registry.outbox.Tx;

/** An entity's projects: created, read and listed as every {@link ai.automations.registry.container.Container}. */
@Singleton
public class ProjectService extends ContainerService<Project, ProjectView> {

    public ProjectService(Tx tx, InstantSource clock) {
        super(Project.KIND, ProjectView::new, tx, clock);
    }
}
