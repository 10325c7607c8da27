package ai.automations.action.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.automations.action.execution.Execution;
import ai.automations.action.execution.ExecutionRepository;
import ai.automations.action.testing.Api;
import ai.automations.action.testing.Await;
import ai.automations.action.testing.Fixtures;
import ai.automations.action.testing.KafkaTopics;
import ai.automations.action.testing.RegistryStubs;
import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.action.ActionRequest;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.RateLimit;
import ai.automations.common.testing.InjectRegistryDouble;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Per-automation rate limits through the real broker and database: firings over the limit become SKIPPED executions
 * with reason "rate limited" in the history; the window slides over firing times; a repeated request takes no slot;
 * concurrent transactions (as two action-service instances would run them) never let more than {@code max} through.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class RateLimitTest {

    private static final String ENTITY = "acme";

    @InjectRegistryDouble
    WireMockServer registry;

    @Inject
    ActionRequestIntake intake;

    @Inject
    ExecutionRepository executions;

    private AutomationDefinition limited(int max, int perSeconds) {
        AutomationDefinition a = Fixtures.automation(ENTITY, Fixtures.unique("limited"), Fixtures.noOp());
        AutomationDefinition withLimit = new AutomationDefinition(a.id(), a.entity(), a.name(), a.description(),
                a.enabled(), a.scope(), a.event(), a.action(), a.createdBy(), a.createdAt(), a.updatedAt(),
                new RateLimit(max, perSeconds));
        RegistryStubs.automation(registry, withLimit, true);
        return withLimit;
    }

    private static ActionRequest firedAt(AutomationDefinition automation, OffsetDateTime at) {
        return ActionRequest.of(automation, Fixtures.aliasEvent(ENTITY, "production"), at);
    }

    /**
     * What the rate limit made of an execution: "rate limited" (SKIPPED with that reason) or "acted" (delivered or
     * attempted; whether the NO_OP's automation check reached the registry double in time is not this test's concern).
     */
    private static String outcome(Map<String, Object> execution) {
        if ("SKIPPED".equals(execution.get("status")) && RateLimit.REASON.equals(execution.get("reason"))) {
            assertThat((List<?>) execution.get("attempts")).as("a rate-limited firing is never attempted").isEmpty();
            assertThat(execution.get("finishedAt")).isNotNull();
            return "rate limited";
        }
        return "acted";
    }

    /** The automation's executions once there are {@code count} and none is PENDING. */
    private static List<Map<String, Object>> settled(AutomationDefinition automation, int count) {
        return Await.value(count + " settled executions", () -> Api.executions(ENTITY, automation.id()),
                list -> list.size() == count && list.stream().noneMatch(e -> "PENDING".equals(e.get("status"))));
    }

    @Test
    void firingsOverTheLimitAreSkippedWithTheReasonAndShownInTheHistory() {
        AutomationDefinition automation = limited(3, 3600);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<ActionRequest> requests = IntStream.range(0, 5).mapToObj(i -> firedAt(automation, now.plusSeconds(i)))
                .toList();
        requests.forEach(KafkaTopics::publish);
        KafkaTopics.publish(requests.get(4));
        KafkaTopics.publish(requests.get(0));

        List<Map<String, Object>> history = settled(automation, 5);
        assertThat(history).extracting(RateLimitTest::outcome)
                .containsExactlyInAnyOrder("acted", "acted", "acted", "rate limited", "rate limited");
        Await.quietly(Duration.ofSeconds(1));
        assertThat(Api.executions(ENTITY, automation.id())).as("repeated requests make no execution").hasSize(5);
    }

    @Test
    void theWindowSlidesOverFiringTimes() {
        AutomationDefinition automation = limited(2, 10);
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        long[] offsetsMs = { 0, 1_000, 2_000, 10_500, 10_800, 11_500 };
        Map<String, Long> offsetOfEvent = new HashMap<>();
        for (long offset : offsetsMs) {
            ActionRequest request = firedAt(automation, t0.plusNanos(offset * 1_000_000));
            offsetOfEvent.put(request.event().id(), offset);
            KafkaTopics.publish(request);
        }

        List<Map<String, Object>> history = new ArrayList<>(settled(automation, offsetsMs.length));
        history.sort(Comparator.comparing(e -> offsetOfEvent.get((String) e.get("eventId"))));
        assertThat(history).extracting(RateLimitTest::outcome)
                .containsExactly("acted", "acted", "rate limited", "acted", "rate limited", "acted");
    }

    @Test
    void concurrentTransactionsNeverLetMoreThanMaxThrough() {
        AutomationDefinition automation = limited(5, 3600);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Uni<List<Execution>>> batches = IntStream.range(0, 24).mapToObj(i -> {
            Execution e = intake.toExecution(Fixtures.write(firedAt(automation, now.plusNanos(i * 1_000_000L))));
            return executions.insertNew(List.of(e));
        }).toList();

        List<List<Execution>> inserted = Uni.join().all(batches).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(inserted).allSatisfy(list -> assertThat(list).hasSize(1));
        List<Map<String, Object>> history = settled(automation, 24);
        assertThat(history).extracting(RateLimitTest::outcome).filteredOn("acted"::equals).hasSize(5);
        assertThat(history).extracting(RateLimitTest::outcome).filteredOn("rate limited"::equals).hasSize(19);
    }

    @Test
    void anAutomationWithoutALimitIsNeverSkipped() {
        AutomationDefinition automation = Fixtures.automation(ENTITY, Fixtures.unique("unlimited"), Fixtures.noOp());
        RegistryStubs.automation(registry, automation, true);
        for (int i = 0; i < 4; i++) {
            KafkaTopics.publish(Fixtures.request(automation, Fixtures.aliasEvent(ENTITY, "production")));
        }
        assertThat(settled(automation, 4)).extracting(RateLimitTest::outcome).containsOnly("acted");
    }
}
