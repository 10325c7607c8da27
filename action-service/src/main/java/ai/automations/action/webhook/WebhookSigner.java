package ai.automations.action.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures in the two formats an integration may choose. W&B's ({@link #wandbSignature}):
 * {@code base64(HMAC-SHA256(secret, body))}, the secret's UTF-8 bytes as the key, as W&B's webhook documentation
 * computes {@code X-Wandb-Signature}. Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}. A signing
 * secret {@code whsec_<base64>} is the base64-decoded key; any other secret is its UTF-8 bytes. A secret made of
 * several space-separated {@code whsec_} keys (during a key rotation) yields one signature per key, space-separated.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private WebhookSigner() {
    }

    public static String signature(String secret, String id, long timestamp, byte[] body) {
        List<String> signatures = new ArrayList<>();
        for (byte[] key : keys(secret)) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body)));
        }
        return String.join(" ", signatures);
    }

    /**
     * W&B's {@code X-Wandb-Signature}: the base64 HMAC-SHA256 of the body alone, keyed with the secret exactly as
     * written (its UTF-8 bytes, even when it starts with {@code whsec_}, since a W&B receiver holds the same text).
     */
    public static String wandbSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The keys a signing secret holds. */
    static List<byte[]> keys(String secret) {
        String trimmed = secret.trim();
        String[] parts = trimmed.split("\\s+");
        boolean rotation = parts.length > 1 && java.util.Arrays.stream(parts).allMatch(p -> p.startsWith(PREFIX));
        List<byte[]> keys = new ArrayList<>();
        if (rotation) {
            for (String part : parts) {
                keys.add(key(part));
            }
        } else {
            keys.add(key(secret));
        }
        return keys;
    }

    private static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the signing secret starts with whsec_ but is not base64 after it");
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
