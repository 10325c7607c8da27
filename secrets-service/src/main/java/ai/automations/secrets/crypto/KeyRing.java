package ai.automations.secrets.crypto;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import ai.automations.secrets.config.SecretsConfig;

/**
 * The key-encryption keys: the current one, which wraps every new data key, and retired ones, which still unwrap the
 * data keys they wrapped until those are re-wrapped. Built from configuration; a missing or malformed key stops the
 * service at start with a message that names the setting (never the key).
 */
public final class KeyRing {

    static final int KEY_BYTES = 32;
    private static final String KEK_SETTING = "automations.secrets.database.kek (AUTOMATIONS_SECRETS_DATABASE_KEK)";

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private KeyRing(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** Reads and checks the keys; fails with a message saying what to set when they are missing or invalid. */
    public static KeyRing from(SecretsConfig.Database config) {
        String kek = config.kek().filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                "The secrets database backend needs a key-encryption key: set " + KEK_SETTING
                        + " to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), keep it in a secret store,"
                        + " and set automations.secrets.database.kek-id to a new id whenever you change it."));
        String currentId = config.kekId().trim();
        if (currentId.isEmpty()) {
            throw new IllegalStateException("automations.secrets.database.kek-id must not be blank.");
        }
        Map<String, SecretKey> keys = new HashMap<>();
        for (Map.Entry<String, String> previous : config.previousKeks().entrySet()) {
            keys.put(previous.getKey(), decode(previous.getValue(),
                    "automations.secrets.database.previous-keks." + previous.getKey()));
        }
        SecretKey current = decode(kek, KEK_SETTING);
        SecretKey sameId = keys.get(currentId);
        if (sameId != null && !java.security.MessageDigest.isEqual(sameId.getEncoded(), current.getEncoded())) {
            throw new IllegalStateException("automations.secrets.database.previous-keks." + currentId
                    + " is a different key under the current kek-id '" + currentId
                    + "': give the new KEK a new kek-id and keep the old one under its old id.");
        }
        keys.put(currentId, current);
        return new KeyRing(currentId, keys);
    }

    /** A ring of raw keys, for tests and tools: the first id is current. */
    public static KeyRing of(String currentId, Map<String, byte[]> rawKeys) {
        Map<String, SecretKey> keys = new HashMap<>();
        rawKeys.forEach((id, raw) -> keys.put(id, new SecretKeySpec(raw.clone(), "AES")));
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("no key for the current id " + currentId);
        }
        return new KeyRing(currentId, keys);
    }

    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    private static SecretKey decode(String base64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64: it must be the base64 of 32 random bytes.");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " decodes to " + raw.length
                    + " bytes: an AES-256 key-encryption key must be exactly 32 bytes.");
        }
        return new SecretKeySpec(raw, "AES");
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
