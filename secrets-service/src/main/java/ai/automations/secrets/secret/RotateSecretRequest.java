package ai.automations.secrets.secret;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT .../secrets/{name}}: the new value. Its {@code toString} never shows the value. */
public record RotateSecretRequest(@NotNull @Size(min = 1, message = "must not be empty") String value) {

    @Override
    public String toString() {
        return "RotateSecretRequest[value=***]";
    }
}
