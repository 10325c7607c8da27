package ai.automations.secrets.secret;

/** The body of {@code PUT .../secrets/{name}}: the new value. Its {@code toString} never shows the value. */
public record RotateSecretRequest(String value) {

    @Override
    public String toString() {
        return "RotateSecretRequest[value=***]";
    }
}
