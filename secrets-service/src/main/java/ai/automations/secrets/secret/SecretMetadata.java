package ai.automations.secrets.secret;

import java.time.Instant;

/** What anyone allowed to see a secret sees: its name, version and times, never its value. */
public record SecretMetadata(String name, int version, Instant createdAt, Instant updatedAt) {

    static SecretMetadata of(Secret secret) {
        return new SecretMetadata(secret.name, secret.version, secret.createdAt, secret.updatedAt);
    }
}
