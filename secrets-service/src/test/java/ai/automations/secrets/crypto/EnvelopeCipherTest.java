package ai.automations.secrets.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretVersionRef;

class EnvelopeCipherTest {

    private final EnvelopeCipher cipher = new EnvelopeCipher();
    private final byte[] oldKek = key();
    private final byte[] newKek = key();
    private final KeyRing old = KeyRing.of("k1", Map.of("k1", oldKek));
    private final KeyRing rotated = KeyRing.of("k2", Map.of("k1", oldKek, "k2", newKek));
    private final SecretVersionRef ref = new SecretVersionRef("acme", "TOKEN", 3);

    @Test
    void roundTripsAndUsesAFreshDataKeyAndIvEachTime() {
        EncryptedValue a = cipher.encrypt(old, ref, SecretValue.of("hunter2-ünïcødé"));
        EncryptedValue b = cipher.encrypt(old, ref, SecretValue.of("hunter2-ünïcødé"));
        assertThat(cipher.decrypt(old, ref, a).reveal()).isEqualTo("hunter2-ünïcødé");
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(a.wrappedKey()).isNotEqualTo(b.wrappedKey());
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(a.kekId()).isEqualTo("k1");
    }

    @Test
    void anyAlteredByteOrOtherAssociatedDataFails() {
        EncryptedValue sealed = cipher.encrypt(old, ref, SecretValue.of("value"));
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 0x01;
            EncryptedValue bad = new EncryptedValue("k1", sealed.wrappedKey(), tampered);
            assertThatThrownBy(() -> cipher.decrypt(old, ref, bad)).isInstanceOf(EnvelopeCipher.IntegrityException.class);
        }
        byte[] wrapped = sealed.wrappedKey().clone();
        wrapped[wrapped.length - 1] ^= 0x40;
        assertThatThrownBy(() -> cipher.decrypt(old, ref, new EncryptedValue("k1", wrapped, sealed.ciphertext())))
                .isInstanceOf(EnvelopeCipher.IntegrityException.class);
        for (SecretVersionRef other : new SecretVersionRef[] { new SecretVersionRef("globex", "TOKEN", 3),
                new SecretVersionRef("acme", "TOKEN2", 3), new SecretVersionRef("acme", "TOKEN", 4) }) {
            assertThatThrownBy(() -> cipher.decrypt(old, other, sealed)).isInstanceOf(EnvelopeCipher.IntegrityException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(old, ref, new EncryptedValue("k1", sealed.wrappedKey(),
                Arrays.copyOf(sealed.ciphertext(), 10)))).isInstanceOf(EnvelopeCipher.IntegrityException.class);
    }

    @Test
    void aRotatedRingReadsOldValuesAndRewrapsThem() {
        EncryptedValue sealedOld = cipher.encrypt(old, ref, SecretValue.of("before-rotation"));
        assertThat(cipher.decrypt(rotated, ref, sealedOld).reveal()).isEqualTo("before-rotation");

        EncryptedValue rewrapped = cipher.rewrap(rotated, ref, sealedOld);
        assertThat(rewrapped.kekId()).isEqualTo("k2");
        assertThat(rewrapped.ciphertext()).isEqualTo(sealedOld.ciphertext());
        KeyRing onlyNew = KeyRing.of("k2", Map.of("k2", newKek));
        assertThat(cipher.decrypt(onlyNew, ref, rewrapped).reveal()).isEqualTo("before-rotation");
        assertThatThrownBy(() -> cipher.decrypt(onlyNew, ref, sealedOld))
                .isInstanceOf(EnvelopeCipher.IntegrityException.class).hasMessageContaining("k1");
        // The KEK id is bound to the wrapped key: relabelling it does not help.
        KeyRing sameKeyOtherId = KeyRing.of("k9", Map.of("k9", oldKek));
        assertThatThrownBy(() -> cipher.decrypt(sameKeyOtherId, ref,
                new EncryptedValue("k9", sealedOld.wrappedKey(), sealedOld.ciphertext())))
                .isInstanceOf(EnvelopeCipher.IntegrityException.class);
    }

    @Test
    void nothingPrintsTheValue() {
        EncryptedValue sealed = cipher.encrypt(old, ref, SecretValue.of("printable-secret"));
        assertThat(sealed.toString()).doesNotContain("printable-secret");
        assertThat(SecretValue.of("printable-secret").toString()).doesNotContain("printable-secret");
        assertThatThrownBy(() -> cipher.decrypt(rotated, new SecretVersionRef("acme", "X", 1), sealed))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("printable-secret"));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
