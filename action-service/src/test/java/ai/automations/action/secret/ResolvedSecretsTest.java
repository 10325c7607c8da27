package ai.automations.action.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ResolvedSecretsTest {

    private final ResolvedSecrets secrets = new ResolvedSecrets(Map.of("TOKEN", "s3cr\"et\\42", "KEY", "Bearer abc123"),
            Set.of());

    @Test
    void redactsRawValuesAndTheirParts() {
        assertThat(secrets.redact("got s3cr\"et\\42 and abc123")).isEqualTo("got *** and ***");
    }

    @Test
    void redactsValuesEchoedInsideJsonOnceOrTwice() {
        String once = "{\"token\":\"s3cr\\\"et\\\\42\"}";
        String twice = "{\"body\":\"{\\\"token\\\":\\\"s3cr\\\\\\\"et\\\\\\\\42\\\"}\"}";
        assertThat(secrets.redact(once)).doesNotContain("s3cr").contains("***");
        assertThat(secrets.redact(twice)).doesNotContain("s3cr").contains("***");
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(secrets.redact("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(ResolvedSecrets.none().redact("s3cr\"et\\42")).isEqualTo("s3cr\"et\\42");
    }
}
