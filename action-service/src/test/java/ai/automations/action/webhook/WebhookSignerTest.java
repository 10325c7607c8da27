package ai.automations.action.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.StandardWebhooksVerifier;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        String signature = WebhookSigner.signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, BODY);
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretWithoutThePrefixIsUsedAsItsUtf8Bytes() {
        String signature = WebhookSigner.signature("plain secret", "msg_1", 1700000000L, BODY);
        assertThat(signature).startsWith("v1,").doesNotContain(" ");
        assertThat(signature).isNotEqualTo(WebhookSigner.signature("plain secret2", "msg_1", 1700000000L, BODY));
        assertThat(WebhookSigner.keys("plain secret")).hasSize(1);
        assertThat(new String(WebhookSigner.keys("plain secret").get(0), StandardCharsets.UTF_8)).isEqualTo("plain secret");
    }

    @Test
    void rotationGivesOneSignaturePerKeyAndEachVerifies() {
        String oldKey = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String newKey = "whsec_bmV3IGtleSBmb3IgdGhlIHJvdGF0aW9uIQ==";
        String header = WebhookSigner.signature(oldKey + " " + newKey, "msg_2", 1700000000L, BODY);
        assertThat(header.split(" ")).hasSize(2);
        String body = new String(BODY, StandardCharsets.UTF_8);
        assertThat(StandardWebhooksVerifier.verifies(oldKey, "msg_2", "1700000000", body, header)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(newKey, "msg_2", "1700000000", body, header)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(newKey, "msg_3", "1700000000", body, header)).isFalse();
    }

    @Test
    void aBrokenWhsecSecretIsRejected() {
        assertThatThrownBy(() -> WebhookSigner.keys("whsec_***not base64***")).isInstanceOf(IllegalArgumentException.class);
    }
}
