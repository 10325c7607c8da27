package ai.automations.secrets.audit;

/** What was done to a secret. */
public enum AuditAction {
    CREATE, ROTATE, DELETE, RESOLVE
}
