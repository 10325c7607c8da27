package ai.automations.action.secret;

/** secrets-service's notice on {@code automation.secrets.changes} that a secret changed; never carries a value. */
public record SecretChange(String entity, String name, Long version, boolean deleted) {
}
