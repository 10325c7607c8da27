package ai.automations.secrets.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.automations.secrets.config.SecretsConfig;

class KeyRingTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aMissingKekStopsStartWithWhatToSet() {
        assertThatThrownBy(() -> KeyRing.from(config(null, "k1", Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTOMATIONS_SECRETS_DATABASE_KEK").hasMessageContaining("32 random bytes");
        assertThatThrownBy(() -> KeyRing.from(config("  ", "k1", Map.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMalformedKekIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> KeyRing.from(config("not*base64!", "k1", Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not*base64!"));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.from(config(shortKey, "k1", Map.of())))
                .hasMessageContaining("16 bytes").hasMessageContaining("exactly 32")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
        assertThatThrownBy(() -> KeyRing.from(config(KEY_A, "k2", Map.of("k1", "short"))))
                .hasMessageContaining("previous-keks.k1");
        assertThatThrownBy(() -> KeyRing.from(config(KEY_A, "k1", Map.of("k1", KEY_B))))
                .hasMessageContaining("new kek-id");
    }

    @Test
    void theCurrentAndPreviousKeysAreLoaded() {
        KeyRing ring = KeyRing.from(config(KEY_A, "k2", Map.of("k1", KEY_B)));
        assertThat(ring.currentId()).isEqualTo("k2");
        assertThat(ring.key("k1")).isPresent();
        assertThat(ring.key("k3")).isEmpty();
        assertThat(ring.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B);
    }

    private static SecretsConfig.Database config(String kek, String id, Map<String, String> previous) {
        return new SecretsConfig.Database() {
            @Override
            public Optional<String> kek() {
                return Optional.ofNullable(kek);
            }

            @Override
            public String kekId() {
                return id;
            }

            @Override
            public Map<String, String> previousKeks() {
                return previous;
            }

            @Override
            public boolean rewrap() {
                return true;
            }

            @Override
            public Duration rewrapInterval() {
                return Duration.ofMinutes(10);
            }
        };
    }
}
