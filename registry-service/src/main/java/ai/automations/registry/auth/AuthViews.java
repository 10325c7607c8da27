package ai.automations.registry.auth;

import java.time.OffsetDateTime;

import ai.automations.common.auth.Role;

/** Bodies of the access-control endpoints. */
public final class AuthViews {

    private AuthViews() {
    }

    /** {@code POST /api/v1/users}. */
    public record CreateUser(String name) {
    }

    /** A new user with its first key, which is shown only in this answer. */
    public record CreatedUser(String id, String name, String apiKey) {
    }

    /** {@code POST /api/v1/api-keys}: no fields needed. */
    public record CreateApiKey(String description) {
    }

    /** A key as listed: never the key itself. */
    public record ApiKeyView(String id, String prefix, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    /** A new key, shown once. */
    public record CreatedApiKey(String id, String apiKey, String prefix, OffsetDateTime createdAt) {
    }

    /** {@code POST /api/v1/entities/{entity}/members}. */
    public record AddMember(String user, String role) {
    }

    public record MemberView(String entity, String user, Role role, OffsetDateTime createdAt) {
    }

    /** {@code POST /internal/v1/auth/introspect}. */
    public record Introspection(String apiKey) {
    }
}
