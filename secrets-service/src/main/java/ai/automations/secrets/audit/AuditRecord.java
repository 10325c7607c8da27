package ai.automations.secrets.audit;

import java.time.Instant;

/** An audit entry as the audit endpoint shows it. */
public record AuditRecord(long id, Instant at, AuditAction action, String secret, Integer version, String actorType,
        String actorId, String actorName, String automationId, String executionId) {

    static AuditRecord of(AuditEntry entry) {
        return new AuditRecord(entry.id, entry.at, entry.action, entry.secretName, entry.version, entry.actorType,
                entry.actorId, entry.actorName, entry.automationId, entry.executionId);
    }
}
