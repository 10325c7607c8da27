package ai.automations.common.vertx;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one place that moves reactive work between Vert.x contexts. Hibernate Reactive needs each unit of work on its
 * own safe duplicated context, and its session must be used on the context that opened it; work started from Kafka
 * callbacks, HTTP client callbacks and timers has neither. Public Vert.x and SmallRye API only.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs {@code work} on a new safe duplicated context of the current event loop (or of a new one off Vert.x). */
    public static <T> Uni<T> onFreshContext(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context root = current != null && current.isEventLoopContext() ? VertxContext.getRootContext(current)
                    : vertx.getOrCreateContext();
            Context context = VertxContext.createNewDuplicatedContext(root);
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    /** Brings the result of a call that completes on a foreign thread back onto the context that made the call. */
    public static <T> Uni<T> resumeOnCaller(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                return call;
            }
            return call.emitOn(command -> {
                if (Vertx.currentContext() == context) {
                    command.run();
                } else {
                    context.runOnContext(ignored -> command.run());
                }
            });
        });
    }
}
