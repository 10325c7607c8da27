package ai.automations.secrets.secret;

/** The body of {@code POST .../secrets}. Its {@code toString} never shows the value. */
public record CreateSecretRequest(String name, String value) {

    @Override
    public String toString() {
        return "CreateSecretRequest[name=" + name + ", value=***]";
    }
}
