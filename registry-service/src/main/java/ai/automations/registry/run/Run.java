package ai.automations.registry.run;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.automation.RunState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A training run of a project: its id (unique in the project), name, user, config, tags and state. */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "run_id")
    public String runId;

    public String name;

    @Column(name = "user_name")
    public String user;

    /** A JSON object. */
    public String config;

    /** A JSON array of tag names. */
    public String tags;

    @Enumerated(EnumType.STRING)
    public RunState state;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
