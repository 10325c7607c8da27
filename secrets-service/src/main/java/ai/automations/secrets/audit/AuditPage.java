package ai.automations.secrets.audit;

import java.util.List;

/** One page of an entity's audit log, newest first. */
public record AuditPage(List<AuditRecord> items, int page, int size, long total) {
}
