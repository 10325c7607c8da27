package ai.automations.action.delivery;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Runs database work on a fresh, safe Vert.x duplicated context. Delivery work is started from Kafka callbacks,
 * HTTP client callbacks and timers; Hibernate Reactive needs each unit of work on its own such context.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    public static <T> Uni<T> onFreshContext(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context root = current != null && current.isEventLoopContext() ? VertxContext.getRootContext(current)
                    : ((VertxInternal) vertx).createEventLoopContext();
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
}
