package ai.automations.common.integration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a webhook integration signs what it sends, so that receivers written for either convention verify it unchanged:
 * Standard Webhooks ({@code webhook-signature}) or W&B's {@code X-Wandb-Signature}.
 */
public enum SignatureFormat {
    STANDARD_WEBHOOKS("standard-webhooks"), WANDB("wandb");

    private final String value;

    SignatureFormat(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The format named {@code value} in JSON; an unknown name is refused. */
    @JsonCreator
    public static SignatureFormat of(String value) {
        for (SignatureFormat f : values()) {
            if (f.value.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("must be standard-webhooks or wandb");
    }
}
