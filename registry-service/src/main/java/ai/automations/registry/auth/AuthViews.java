package ai.automations.registry.auth;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import ai.automations.common.auth.Role;
import ai.automations.common.validation.ResourceName;

/** Bodies of the access-control endpoints. */
public final class AuthViews {

    private AuthViews() {
    }

    /** {@code POST /api/v1/users}. */
    public record CreateUser(@NotNull @ResourceName String name) {
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
    public record AddMember(@NotNull @ResourceName String user,
            @NotNull @Pattern(regexp = "(?i)ADMIN|MEMBER|VIEWER", message = "must be ADMIN, MEMBER or VIEWER")
            String role) {
    }

    public record MemberView(String entity, String user, Role role, OffsetDateTime createdAt) {
    }

    /** {@code POST /internal/v1/auth/introspect}. */
    public record Introspection(@NotBlank String apiKey) {
    }
}
