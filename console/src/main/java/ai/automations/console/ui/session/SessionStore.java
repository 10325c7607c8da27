package ai.automations.console.ui.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's sessions, in memory: an id from a CSPRNG is all the browser holds. Sessions expire when idle and at a
 * maximum age; a restart signs everybody out, which is the safe way round for a key-holding store.
 */
@ApplicationScoped
public class SessionStore {

    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final UiConfig config;
    private final InstantSource clock;

    @Inject
    public SessionStore(UiConfig config) {
        this(config, InstantSource.system());
    }

    SessionStore(UiConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A visitor's session: no key yet, a CSRF token for the sign-in form. */
    public ConsoleSession visitor() {
        return add(null, null);
    }

    /** A signed-in session under a new id (never the visitor's, so a planted id is worth nothing). */
    public ConsoleSession signIn(ConsoleSession visitor, String apiKey, String userName) {
        if (visitor != null) {
            sessions.remove(visitor.id());
        }
        return add(apiKey, userName);
    }

    public void end(ConsoleSession session) {
        sessions.remove(session.id());
    }

    /** The live session with this id, touched; empty when unknown or expired (an expired one is dropped). */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** Compares a presented CSRF token with the session's in constant time. */
    public static boolean csrfMatches(ConsoleSession session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private ConsoleSession add(String apiKey, String userName) {
        Instant now = clock.instant();
        sweep(now);
        ConsoleSession session = new ConsoleSession(token(), token(), apiKey, userName, now);
        sessions.put(session.id(), session);
        return session;
    }

    private void sweep(Instant now) {
        sessions.values().removeIf(s -> expired(s, now));
        int excess = sessions.size() + 1 - config.maxSessions();
        if (excess > 0) {
            sessions.values().stream().sorted(Comparator.comparing(ConsoleSession::lastSeenAt)).limit(excess)
                    .map(ConsoleSession::id).toList().forEach(sessions::remove);
        }
    }

    private boolean expired(ConsoleSession s, Instant now) {
        return now.isAfter(s.lastSeenAt().plus(config.sessionIdleTimeout()))
                || now.isAfter(s.createdAt().plus(config.sessionMaxAge()));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN.encodeToString(bytes);
    }
}
