package ai.automations.registry.project;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import ai.automations.registry.container.Container;
import ai.automations.registry.container.ContainerKind;

/** A project: where runs log and artifacts are created (in its collections). */
@Entity
@Table(name = "projects")
public class Project extends Container {

    /** How projects are found, checked and listed by name. */
    public static final ContainerKind<Project> KIND = new ContainerKind<>("project", Project.class, Project::new);
}
