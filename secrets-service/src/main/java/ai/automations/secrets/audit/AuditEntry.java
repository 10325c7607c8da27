package ai.automations.secrets.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One audited operation on a secret: who (a user, or a service on behalf of an automation), what, when. */
@Entity
@Table(name = "secret_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String entity;

    @Column(name = "secret_name")
    public String secretName;

    @Enumerated(EnumType.STRING)
    public AuditAction action;

    public Integer version;

    @Column(name = "actor_type")
    public String actorType;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "automation_id")
    public String automationId;

    @Column(name = "execution_id")
    public String executionId;

    public Instant at;
}
