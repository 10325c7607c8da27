package ai.automations.console.proxy;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts and times the front door's calls by service, route (the table's path, so the label set stays small) and
 * status: {@code automations_console_proxy_requests_seconds_count{service="registry",route="/api/v1(/|$)",status="200"}}.
 */
@Singleton
public class ProxyMetrics {

    static final String NAME = "automations.console.proxy.requests";

    private final MeterRegistry registry;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the call when its response has ended (or the connection closed first). */
    public void observe(RoutingContext ctx, ApiRoute route) {
        Timer.Sample sample = Timer.start(registry);
        ctx.addEndHandler(ended -> sample.stop(Timer.builder(NAME)
                .description("Calls through the front door to the service that owns the path")
                .tag("service", route.service())
                .tag("route", route.path())
                .tag("status", ended.succeeded() ? Integer.toString(ctx.response().getStatusCode()) : "closed")
                .register(registry)));
    }
}
