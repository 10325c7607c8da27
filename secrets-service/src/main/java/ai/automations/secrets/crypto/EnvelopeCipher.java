package ai.automations.secrets.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretVersionRef;

/**
 * AES-256-GCM envelope encryption: every secret version gets its own random data key, which encrypts the value and is
 * itself encrypted ("wrapped") by a key-encryption key. The value's ciphertext is bound to its entity, name and version
 * by associated data, and the wrapped key to the same plus its KEK id, so a ciphertext moved or edited fails to open.
 */
public final class EnvelopeCipher {

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    public EncryptedValue encrypt(KeyRing ring, SecretVersionRef ref, SecretValue value) {
        byte[] dataKey = new byte[KeyRing.KEY_BYTES];
        random.nextBytes(dataKey);
        byte[] plaintext = value.utf8();
        try {
            byte[] ciphertext = seal(new SecretKeySpec(dataKey, "AES"), plaintext, ref.associatedData());
            byte[] wrapped = seal(ring.current(), dataKey, wrapAssociatedData(ref, ring.currentId()));
            return new EncryptedValue(ring.currentId(), wrapped, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Opens a value; fails with {@link IntegrityException} if anything about it was altered or the KEK is unknown. */
    public SecretValue decrypt(KeyRing ring, SecretVersionRef ref, EncryptedValue sealed) {
        byte[] dataKey = unwrap(ring, ref, sealed);
        try {
            byte[] plaintext = open(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), ref.associatedData());
            try {
                return SecretValue.ofUtf8(plaintext);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IntegrityException("the value's ciphertext does not verify");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same value with its data key re-wrapped by the current KEK; the value's ciphertext is untouched. */
    public EncryptedValue rewrap(KeyRing ring, SecretVersionRef ref, EncryptedValue sealed) {
        byte[] dataKey = unwrap(ring, ref, sealed);
        try {
            byte[] wrapped = seal(ring.current(), dataKey, wrapAssociatedData(ref, ring.currentId()));
            return new EncryptedValue(ring.currentId(), wrapped, sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] unwrap(KeyRing ring, SecretVersionRef ref, EncryptedValue sealed) {
        SecretKey kek = ring.key(sealed.kekId()).orElseThrow(() -> new IntegrityException("its data key is wrapped by KEK '"
                + sealed.kekId() + "', which is neither the current KEK nor among automations.secrets.database.previous-keks"));
        try {
            return open(kek, sealed.wrappedKey(), wrapAssociatedData(ref, sealed.kekId()));
        } catch (GeneralSecurityException e) {
            throw new IntegrityException("its wrapped data key does not verify under KEK '" + sealed.kekId() + "'");
        }
    }

    private byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    private static byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed == null || sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new javax.crypto.AEADBadTagException("too short");
        }
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    private static byte[] wrapAssociatedData(SecretVersionRef ref, String kekId) {
        byte[] base = ref.associatedData();
        byte[] id = ("\u0000kek\u0000" + kekId).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(base, base.length + id.length);
        System.arraycopy(id, 0, out, base.length, id.length);
        return out;
    }

    /** A sealed value failed verification; the message says which part, never anything of the value. */
    public static final class IntegrityException extends RuntimeException {
        IntegrityException(String message) {
            super(message, null, false, false);
        }
    }
}
