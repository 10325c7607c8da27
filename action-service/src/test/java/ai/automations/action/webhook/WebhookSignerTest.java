package ai.automations.action.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ai.automations.action.testing.StandardWebhooksVerifier;
import ai.automations.action.testing.WandbVerifier;

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

    /**
     * Known answers from W&B's own recipe for {@code X-Wandb-Signature}
     * (https://docs.wandb.ai/models/automations/create-automations/webhook, "Troubleshoot your webhook", webhook_test.sh):
     * {@code echo -n "$PAYLOAD" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64}, run with openssl on the
     * docs' example values and on a secret that starts with {@code whsec_} (used as text, never decoded).
     */
    @Test
    void wandbSignatureMatchesTheDocsRecipe() {
        assertThat(WebhookSigner.wandbSignature("your_api_secret",
                "{\"key1\": \"value1\", \"key2\": \"value2\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("4tKqnWHayH0Vdy0mtiM/LbZ7bOGK7h+UrHO5F40Uk8U=");
        byte[] body = "{\"event\":\"LINK_ARTIFACT\",\"version\":\"acme/model/fraud:v0\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSigner.wandbSignature("whsec_not-decoded", body))
                .isEqualTo("K4QomNz7QE6TYpKTEwPWWmPoSB4FSF0Jii0dTT1qx2o=");
        assertThat(WandbVerifier.verifies("whsec_not-decoded", body, WebhookSigner.wandbSignature("whsec_not-decoded",
                body))).isTrue();
        assertThat(WandbVerifier.verifies("other", body, WebhookSigner.wandbSignature("whsec_not-decoded", body)))
                .isFalse();
    }

    @Test
    void aBrokenWhsecSecretIsRejected() {
        assertThatThrownBy(() -> WebhookSigner.keys("whsec_***not base64***")).isInstanceOf(IllegalArgumentException.class);
    }
}
