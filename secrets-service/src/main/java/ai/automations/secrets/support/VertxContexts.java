package ai.automations.secrets.support;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings the result of a call that completes on a foreign thread (a Kafka acknowledgement, an HTTP client callback)
 * back onto the Vert.x context that made the call, where Hibernate Reactive's session must be used.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

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
