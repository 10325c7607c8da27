package ai.automations.registry.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import ai.automations.common.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Tells every registry instance sharing the database that who may do what changed (a key revoked, a role given,
 * changed or taken), so that their caches of API keys ({@link DatabaseApiKeyIdentityProvider}) forget at once. A
 * change runs {@code pg_notify} in its own transaction, so the notice goes out exactly when it commits; each
 * instance LISTENs on one connection and, on every notice, bumps its {@link #generation()}, which voids every cached
 * key. While that connection is down nothing may be cached ({@link #live()} is false).
 *
 * <p>"Refused at once" on another instance: the changing call answers only after its own instance has received its
 * notice ({@link #change}), bounded by {@link RegistryAuthConfig#changeWait()}; PostgreSQL signals every listener at
 * the same commit, so by then the others have it too, and a cached key lives at most
 * {@link RegistryAuthConfig#keyCacheTtl()} should a notice ever be lost.
 */
@Singleton
public class AuthChanges {

    static final String CHANNEL = "automations_auth_changes";
    private static final Duration RELISTEN = Duration.ofSeconds(1);

    private final Pool pool;
    private final RegistryAuthConfig config;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private volatile PgConnection listener;
    private volatile boolean live;
    private volatile boolean stopped;

    public AuthChanges(Pool pool, RegistryAuthConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        listen();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopped = true;
        live = false;
        PgConnection conn = listener;
        if (conn != null) {
            conn.closeAndForget();
        }
    }

    /** Whether notices arrive: only then may a key's identity be reused from memory. */
    public boolean live() {
        return live;
    }

    /** Moves on with every notice and every loss of the listening connection: what was cached before is void. */
    public long generation() {
        return generation.get();
    }

    /**
     * Runs {@code transaction}, a change of access that calls {@link #announce} with the token it is given, and
     * answers once it committed and this instance heard of it: its own cache is void at once, and the answer waits
     * for the change's notice (at most {@link RegistryAuthConfig#changeWait()}, then with a warning). The notice is
     * expected before the transaction starts, so one that arrives before the commit's answer is not missed.
     */
    public <T> Uni<T> change(Function<String, Uni<T>> transaction) {
        String change = UUID.randomUUID().toString();
        CompletableFuture<Void> heard = new CompletableFuture<>();
        waiting.put(change, heard);
        return transaction.apply(change)
                .invoke(() -> generation.incrementAndGet())
                .call(() -> !live ? Uni.createFrom().voidItem()
                        : VertxContexts.resumeOnCaller(Uni.createFrom().completionStage(heard))
                                .ifNoItem().after(config.changeWait()).recoverWithUni(() -> {
                                    Log.warnf("The notice of an access change did not come back within %s",
                                            config.changeWait());
                                    return Uni.createFrom().voidItem();
                                }))
                .onTermination().invoke(() -> waiting.remove(change));
    }

    /** Sends the change's notice inside the caller's Hibernate transaction (it leaves when that commits). */
    public Uni<Void> announce(String change) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_notify(:channel, :change)) n", Long.class)
                .setParameter("channel", CHANNEL).setParameter("change", change).getSingleResult())
                .replaceWithVoid();
    }

    private void listen() {
        if (stopped) {
            return;
        }
        pool.getConnection().map(PgConnection::cast).flatMap(conn -> {
            conn.notificationHandler(notice -> {
                if (CHANNEL.equals(notice.getChannel())) {
                    generation.incrementAndGet();
                    CompletableFuture<Void> heard = waiting.get(notice.getPayload());
                    if (heard != null) {
                        heard.complete(null);
                    }
                }
            });
            conn.exceptionHandler(e -> Log.debugf("Access change listener: %s", e.getMessage()));
            return conn.query("LISTEN " + CHANNEL).execute().onFailure().call(conn::close).replaceWith(conn);
        }).subscribe().with(conn -> {
            conn.closeHandler(() -> lost("closed"));
            listener = conn;
            generation.incrementAndGet();
            live = !stopped;
            Log.debug("Listening for access changes");
        }, failure -> {
            Log.warnf("Cannot listen for access changes (API keys are read from the database meanwhile): %s",
                    failure.getMessage());
            relisten();
        });
    }

    private void lost(String why) {
        live = false;
        generation.incrementAndGet();
        listener = null;
        if (!stopped) {
            Log.warnf("Access change listener %s; API keys are read from the database until it is back", why);
            relisten();
        }
    }

    private void relisten() {
        Uni.createFrom().voidItem().onItem().delayIt().by(RELISTEN).subscribe().with(x -> listen());
    }
}
