package ai.automations.common.error;

import io.vertx.core.Context;

/**
 * The route label ({@code uri} tag) of a request in the HTTP metrics. Quarkus takes it from the matched route
 * template; a request answered before or without routing (refused before routing, or no method matches) would
 * otherwise be labelled by its raw path: one series per path a caller makes up, holding whatever it put in the path.
 * Quarkus keeps at most 100 distinct labels, so such callers could also crowd the real routes out of the metrics.
 */
public final class RouteLabel {

    /** Where Quarkus reads the route template from: a local of the request's Vert.x context. */
    static final String TEMPLATE_KEY = "UrlPathTemplate";

    /** Requests to {@code /api} refused for want of a valid API key. */
    public static final String UNAUTHENTICATED_API = "/api/{unauthenticated}";
    /** Requests to {@code /internal} refused for want of a service token. */
    public static final String UNAUTHENTICATED_INTERNAL = "/internal/{unauthenticated}";
    /** Requests no resource method took (e.g. 405, 415). */
    public static final String UNROUTED = "/{unrouted}";

    private RouteLabel() {
    }

    /** Labels the request running on {@code context}, unless routing already gave it its template. */
    public static void labelUnrouted(Context context, String label) {
        if (context != null && context.getLocal(TEMPLATE_KEY) == null) {
            context.putLocal(TEMPLATE_KEY, label);
        }
    }
}
