package ai.automations.secrets.bench;

import java.security.SecureRandom;
import java.util.Map;

import ai.automations.secrets.crypto.EncryptedValue;
import ai.automations.secrets.crypto.EnvelopeCipher;
import ai.automations.secrets.crypto.KeyRing;
import ai.automations.secrets.store.SecretValue;
import ai.automations.secrets.store.SecretVersionRef;

/**
 * Prints the cost of the database backend's envelope encryption per secret version (seal on create/rotate, open on
 * resolve) for typical value sizes. Not a test; see "Benchmarks" in secrets-service/README.md for the command.
 */
public final class EnvelopeCipherBench {

    private EnvelopeCipherBench() {
    }

    public static void main(String[] args) {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        KeyRing ring = KeyRing.of("bench", Map.of("bench", kek));
        EnvelopeCipher cipher = new EnvelopeCipher();
        SecretVersionRef ref = new SecretVersionRef("acme", "CI_TOKEN", 1);
        for (int size : new int[] { 40, 1024, 65536 }) {
            SecretValue value = SecretValue.of("x".repeat(size));
            EncryptedValue sealed = cipher.encrypt(ring, ref, value);
            int iterations = size > 10_000 ? 5_000 : 100_000;
            for (int warm = 0; warm < 3; warm++) {
                run(cipher, ring, ref, value, sealed, iterations);
            }
            long[] nanos = run(cipher, ring, ref, value, sealed, iterations);
            System.out.printf("value %6d B: encrypt %8.2f µs/op (%9.0f ops/s), decrypt %8.2f µs/op (%9.0f ops/s)%n", size,
                    nanos[0] / 1000.0 / iterations, iterations * 1e9 / nanos[0],
                    nanos[1] / 1000.0 / iterations, iterations * 1e9 / nanos[1]);
        }
    }

    private static long[] run(EnvelopeCipher cipher, KeyRing ring, SecretVersionRef ref, SecretValue value,
            EncryptedValue sealed, int iterations) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink += cipher.encrypt(ring, ref, value).ciphertext().length;
        }
        long encrypt = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink += cipher.decrypt(ring, ref, sealed).reveal().length();
        }
        long decrypt = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return new long[] { encrypt, decrypt };
    }
}
