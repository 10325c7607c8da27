package ai.automations.secrets.store;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret's plaintext. It only leaves this object through {@link #reveal()}, and its {@code toString}, equality and
 * hash never expose it, so it cannot slip into a log line, an exception message or a debugger's summary.
 */
public final class SecretValue {

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    public static SecretValue ofUtf8(byte[] bytes) {
        return new SecretValue(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The plaintext, for the few places that must have it: encryption, Vault, the resolve answer. */
    public String reveal() {
        return value;
    }

    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretValue[***]";
    }
}
