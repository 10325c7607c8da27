package ai.automations.secrets.crypto;

/**
 * A value sealed by envelope encryption: the value's ciphertext under a fresh data key, and that data key wrapped by
 * the key-encryption key {@code kekId}. Each byte array is {@code IV (12 bytes) || ciphertext || GCM tag (16 bytes)}.
 */
public record EncryptedValue(String kekId, byte[] wrappedKey, byte[] ciphertext) {

    @Override
    public String toString() {
        return "EncryptedValue[kekId=" + kekId + ", wrappedKey=" + wrappedKey.length + " bytes, ciphertext="
                + ciphertext.length + " bytes]";
    }
}
