package ai.automations.secrets.secret;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import ai.automations.common.validation.SecretName;

/**
 * The body of {@code POST .../secrets}. Its {@code toString} never shows the value, and no constraint message quotes
 * it; the value's size in bytes is checked by {@link SecretService} (413 above the configured maximum).
 */
public record CreateSecretRequest(@NotNull @SecretName String name,
        @NotNull @Size(min = 1, message = "must not be empty") String value) {

    @Override
    public String toString() {
        return "CreateSecretRequest[name=" + name + ", value=***]";
    }
}
