package ai.automations.action.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver written for W&B, independently of the service's signer, from W&B's webhook documentation
 * (https://docs.wandb.ai/models/automations/create-automations/webhook, "Troubleshoot your webhook"): W&B computes
 * {@code X-Wandb-Signature} as {@code echo -n "$PAYLOAD" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64},
 * i.e. the base64 of HMAC-SHA256 over the raw body, keyed with the secret's text; the receiver recomputes it and
 * compares.
 */
public final class WandbVerifier {

    private WandbVerifier() {
    }

    public static boolean verifies(String secret, byte[] rawBody, String header) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(rawBody);
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(header));
        } catch (IllegalArgumentException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
