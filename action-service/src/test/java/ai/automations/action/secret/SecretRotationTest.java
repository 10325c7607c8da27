package ai.automations.action.secret;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.ReceiverTest;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Secret values are cached briefly (10 minutes in tests) and dropped as soon as secrets-service announces a change. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class SecretRotationTest extends ReceiverTest {

    private String deliverAndReadToken(AutomationDefinition automation, String path) {
        int before = receiver.posts(path).size();
        KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        List<LoggedRequest> calls = Await.value("a delivery", () -> receiver.posts(path), l -> l.size() == before + 1);
        return calls.get(before).getHeader("Authorization").substring("Bearer ".length());
    }

    private static void awaitNoticeConsumerAssigned() {
        String group = "action-service-secrets-" + ConfigProvider.getConfig().getValue("automations.instance-id", String.class);
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTopics.bootstrapServers()))) {
            Await.until("the secret-change consumer has its partitions", Duration.ofSeconds(60), () -> {
                try {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                            .get(10, TimeUnit.SECONDS).get(group);
                    return description.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aRotationNoticeDropsTheCachedValue() {
        String name = "ROTATING_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        SecretsDouble.put(ENTITY, name, first);
        String path = "/hooks/" + Fixtures.unique("rotation");
        receiver.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AutomationDefinition automation = webhookAutomation("rotation", "rotation", receiver.url(path), null, name, null);
        RegistryStubs.automation(registry, automation, true);

        assertThat(deliverAndReadToken(automation, path)).isEqualTo(first);
        SecretsDouble.put(ENTITY, name, second);
        assertThat(deliverAndReadToken(automation, path)).as("served from the cache").isEqualTo(first);
        assertThat(SecretsDouble.resolveCalls(ENTITY, name)).isEqualTo(1);

        awaitNoticeConsumerAssigned();
        KafkaTopics.send(SecretsDouble.CHANGES_TOPIC, ENTITY + "/" + name,
                "{\"entity\":\"" + ENTITY + "\",\"name\":\"" + name + "\",\"version\":2,\"deleted\":false}");

        Await.value("the rotated value in use", () -> deliverAndReadToken(automation, path), second::equals);
        assertThat(SecretsDouble.resolveCalls(ENTITY, name)).isEqualTo(2);
    }
}
