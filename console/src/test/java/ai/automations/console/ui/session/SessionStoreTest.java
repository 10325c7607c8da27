package ai.automations.console.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final SessionStore store = new SessionStore(config(Duration.ofMinutes(30), Duration.ofHours(8), 3),
            () -> now.get());

    @Test
    void signingInGivesANewIdAndForgetsTheVisitorsOne() {
        ConsoleSession visitor = store.visitor();
        ConsoleSession session = store.signIn(visitor, "key", "alice");
        assertThat(session.id()).isNotEqualTo(visitor.id());
        assertThat(session.csrfToken()).isNotEqualTo(visitor.csrfToken());
        assertThat(store.find(visitor.id())).isEmpty();
        assertThat(store.find(session.id())).contains(session);
        assertThat(session.signedIn()).isTrue();
    }

    @Test
    void anIdleSessionExpiresAndAnActiveOneLivesUntilItsMaximumAge() {
        ConsoleSession idle = store.signIn(null, "key", "alice");
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(store.find(idle.id())).isEmpty();

        ConsoleSession busy = store.signIn(null, "key", "alice");
        for (int i = 0; i < 20; i++) {
            now.set(now.get().plus(Duration.ofMinutes(25)));
            store.find(busy.id());
        }
        assertThat(store.find(busy.id())).as("after 8 h 20 min of use").isEmpty();
    }

    @Test
    void theOldestSessionsGoFirstBeyondTheLimit() {
        ConsoleSession first = store.visitor();
        now.set(now.get().plusSeconds(1));
        ConsoleSession second = store.visitor();
        now.set(now.get().plusSeconds(1));
        store.visitor();
        now.set(now.get().plusSeconds(1));
        store.visitor();
        assertThat(store.find(first.id())).isEmpty();
        assertThat(store.find(second.id())).isPresent();
    }

    @Test
    void theCsrfTokenMustMatchExactly() {
        ConsoleSession session = store.visitor();
        assertThat(SessionStore.csrfMatches(session, session.csrfToken())).isTrue();
        assertThat(SessionStore.csrfMatches(session, session.csrfToken() + "x")).isFalse();
        assertThat(SessionStore.csrfMatches(session, null)).isFalse();
    }

    @Test
    void aFlashIsShownOnce() {
        ConsoleSession session = store.visitor();
        session.flash(Flash.ok("done"));
        assertThat(session.takeFlashes()).extracting(Flash::text).containsExactly("done");
        assertThat(session.takeFlashes()).isEmpty();
    }

    private static UiConfig config(Duration idle, Duration maxAge, int maxSessions) {
        return new UiConfig() {
            @Override
            public Duration sessionIdleTimeout() {
                return idle;
            }

            @Override
            public Duration sessionMaxAge() {
                return maxAge;
            }

            @Override
            public boolean secureCookie() {
                return false;
            }

            @Override
            public int maxSessions() {
                return maxSessions;
            }
        };
    }
}
