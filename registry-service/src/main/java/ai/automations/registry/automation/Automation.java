package ai.automations.registry.automation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.automations.common.automation.AutomationScope;
import ai.automations.common.event.EventType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A stored automation: its normalised definition, with the scope in columns for the list filters. */
@Entity
@Table(name = "automations")
public class Automation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "entity_id")
    public UUID entityId;

    public String name;

    public String description;

    public boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope_type")
    public AutomationScope.ScopeType scopeType;

    @Column(name = "scope_project")
    public String scopeProject;

    @Column(name = "scope_registry")
    public String scopeRegistry;

    @Column(name = "scope_collection")
    public String scopeCollection;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type")
    public EventType eventType;

    /** The normalised {@code EventFilter} as JSON. */
    public String filter;

    /** The {@code ActionSpec} as JSON. */
    public String action;

    /** The integration the action uses, if any (for reference checks). */
    @Column(name = "integration_name")
    public String integrationName;

    /** The rate limit's {@code max}; null when the automation has none. */
    @Column(name = "rate_limit_max")
    public Integer rateLimitMax;

    @Column(name = "rate_limit_per_seconds")
    public Integer rateLimitPerSeconds;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The names of the automations of an entity whose action uses an integration. */
    public static Uni<List<String>> namesUsing(UUID entityId, String integration) {
        return Automation.<Automation>find("entityId = ?1 and integrationName = ?2 order by name", entityId,
                integration).list().map(rows -> rows.stream().map(a -> a.name).toList());
    }
}
