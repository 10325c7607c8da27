package ai.automations.action.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.action.testing.TestHostResolver;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The tests' configuration allows loopback (local receivers) but not private networks. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class SsrfDeliveryTest extends ReceiverTest {

    private AutomationDefinition webhookTo(String url) {
        AutomationDefinition automation = webhookAutomation("ssrf", "ssrf", url, null, null, null);
        RegistryStubs.automation(registry, automation, true);
        return automation;
    }

    @Test
    void aHostNameResolvingToAPrivateAddressIsRefusedAtSendTime() {
        String host = Fixtures.unique("internal") + TestHostResolver.SUFFIX;
        TestHostResolver.map(host, "10.20.30.40");
        AutomationDefinition automation = webhookTo("http://" + host + ":" + receiver.port() + "/hook");

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getList("attempts")).hasSize(1);
        assertThat(execution.getString("attempts[0].statusCode")).isNull();
        assertThat(execution.getString("attempts[0].error")).contains("refused").contains("private");
    }

    @Test
    void theCloudMetadataAddressIsRefused() {
        AutomationDefinition automation = webhookTo("http://169.254.169.254/latest/meta-data/iam");

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        JsonPath execution = Api.awaitExecution(ENTITY, automation.id(), "FAILED");
        assertThat(execution.getString("reason")).contains("cloud metadata");
    }

    @Test
    void theCallGoesToTheAddressThatWasChecked() {
        String host = Fixtures.unique("receiver") + TestHostResolver.SUFFIX;
        TestHostResolver.map(host, "127.0.0.1");
        String path = "/hooks/" + Fixtures.unique("named");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = webhookTo("http://" + host + ":" + receiver.port() + path);

        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));

        Api.awaitExecution(ENTITY, automation.id(), "FINISHED");
        LoggedRequest call = Await.value("the call", () -> receiver.posts(path), l -> l.size() == 1).get(0);
        assertThat(call.getHeader("Host")).isEqualTo(host + ":" + receiver.port());
    }

    @Test
    void theTestCallIsRefusedToo() {
        String integration = Fixtures.unique("ssrf-test-call");
        RegistryStubs.webhookIntegration(registry, ENTITY, integration, "http://[::ffff:192.168.0.10]:8080/x", null, null);
        given().header("Authorization", "Bearer " + RegistryDouble.ADMIN_KEY)
                .post("/api/v1/entities/{entity}/integrations/{name}/test", ENTITY, integration)
                .then().statusCode(200).body("statusCode", nullValue()).body("error", containsString("refused"));
    }
}
