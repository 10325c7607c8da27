package ai.automations.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.automations.common.secret.SecretResolution;

/** Records that carry a value never print it (a record's default toString would). */
class RequestToStringTest {

    @Test
    void requestsAndAnswersHideValues() {
        assertThat(new CreateSecretRequest("TOKEN", "s3cr3t-v4lue").toString()).contains("TOKEN").doesNotContain("s3cr3t-v4lue");
        assertThat(new RotateSecretRequest("s3cr3t-v4lue").toString()).doesNotContain("s3cr3t-v4lue");
        assertThat(new SecretResolution.Response(Map.of("TOKEN", "s3cr3t-v4lue"), List.of()).toString())
                .contains("TOKEN").doesNotContain("s3cr3t-v4lue");
    }
}
