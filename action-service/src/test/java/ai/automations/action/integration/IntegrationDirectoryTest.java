package ai.automations.action.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.integration.IntegrationDescriptor;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** One class, a registry double that answers when the test says: how lookups are shared and cached. */
class IntegrationDirectoryTest {

    /** registry-service's internal API, answering each integration lookup only when {@link #answer} is called. */
    private static final class SlowRegistry implements RegistryClient {
        final AtomicInteger lookups = new AtomicInteger();
        final List<UniEmitter<? super IntegrationDescriptor>> waiting = new ArrayList<>();

        @Override
        public Uni<IntegrationDescriptor> integration(String entity, String name) {
            return Uni.createFrom().emitter(e -> {
                lookups.incrementAndGet();
                waiting.add(e);
            });
        }

        void answer(boolean disabled) {
            List<UniEmitter<? super IntegrationDescriptor>> now = new ArrayList<>(waiting);
            waiting.clear();
            now.forEach(e -> e.complete(new IntegrationDescriptor("acme", "hook", IntegrationDescriptor.Kind.webhook,
                    "https://example.test/hook", null, null, null, null, null, null, disabled, null, null)));
        }

        @Override
        public Uni<Void> disable(String entity, String name, DisableRequest request) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<AutomationDefinition> automation(String id) {
            return Uni.createFrom().nullItem();
        }
    }

    private final SlowRegistry registry = new SlowRegistry();

    @Test
    void deliveriesThatMissTheCacheTogetherShareOneLookupAndTheNextOnesUseTheCache() {
        IntegrationDirectory directory = new IntegrationDirectory(registry, () -> Duration.ofMinutes(1));
        List<IntegrationDescriptor> found = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            directory.usable("acme", "hook").subscribe().with(found::add);
        }
        assertThat(registry.lookups.get()).isEqualTo(1);
        registry.answer(false);
        assertThat(found).hasSize(50);
        directory.usable("acme", "hook").subscribe().with(found::add);
        assertThat(found).hasSize(51);
        assertThat(registry.lookups.get()).isEqualTo(1);
    }

    @Test
    void anExpiredEntryIsLookedUpAgainOnceItsLookupHasAnswered() {
        IntegrationDirectory directory = new IntegrationDirectory(registry, () -> Duration.ZERO);
        directory.usable("acme", "hook").subscribe().with(x -> {
        });
        registry.answer(false);
        directory.usable("acme", "hook").subscribe().with(x -> {
        });
        directory.usable("acme", "hook").subscribe().with(x -> {
        });
        assertThat(registry.lookups.get()).isEqualTo(2);
    }

    @Test
    void aLookupThatRacedWithADisableIsNotCached() {
        IntegrationDirectory directory = new IntegrationDirectory(registry, () -> Duration.ofMinutes(1));
        directory.usable("acme", "hook").subscribe().with(x -> {
        });
        directory.disable("acme", "hook", "the endpoint answered 410 Gone").await().indefinitely();
        registry.answer(false);
        List<Throwable> refused = new ArrayList<>();
        directory.usable("acme", "hook").subscribe().with(x -> {
        }, refused::add);
        assertThat(registry.lookups.get()).isEqualTo(2);
        registry.answer(true);
        assertThat(refused).singleElement().isInstanceOf(IntegrationNotUsableException.class);
    }
}
