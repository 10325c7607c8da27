package ai.automations.console.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import ai.automations.console.tracing.FrontDoorTracing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * One base URL for the whole public API: every {@code /api/v1} call is handed, unchanged, to the service that owns
 * its path in {@link ApiRoutes}. Vert.x's HTTP proxy streams bodies both ways and keeps method, status and
 * end-to-end headers ({@code Authorization}, {@code X-Next-Cursor}, {@code Location} ...). {@code /internal} and
 * {@code /q} of the services are never reachable here, as they are not through the Ingress. With tracing on, each
 * call is a span whose {@code traceparent} the service continues.
 */
@Singleton
public class FrontDoor {

    private final ApiRoutes routes;
    private final ProxyMetrics metrics;
    private final Map<String, HttpProxy> proxies = new LinkedHashMap<>();

    public FrontDoor(ApiRoutes routes, Upstreams upstreams, UpstreamClient client, ProxyMetrics metrics,
            FrontDoorTracing tracing) {
        this.routes = routes;
        this.metrics = metrics;
        upstreams.all().forEach((service, url) -> proxies.put(service, proxyTo(client, service, url, tracing)));
    }

    void register(@Observes Router router) {
        router.route("/api/*").handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        Optional<ApiRoute> route = routes.route(ctx.normalizedPath());
        if (route.isEmpty()) {
            ctx.response().setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(error("NOT_FOUND", "No service serves " + ctx.normalizedPath() + "; the API is under /api/v1."));
            return;
        }
        metrics.observe(ctx, route.get());
        proxies.get(route.get().service()).handle(ctx.request());
    }

    /** The proxy to one service: the call is a span of the caller's trace when tracing is on (see FrontDoorTracing). */
    private static HttpProxy proxyTo(UpstreamClient client, String service, URI url, FrontDoorTracing tracing) {
        HttpProxy proxy = HttpProxy.reverseProxy(client.core()).origin(Upstreams.port(url), url.getHost());
        ProxyInterceptor traced = tracing.interceptor(service);
        if (traced != null) {
            proxy.addInterceptor(traced);
        }
        return proxy.addInterceptor(new UnreachableAsJson(service));
    }

    private static Buffer error(String code, String message) {
        return new JsonObject().put("error", code).put("message", message).toBuffer();
    }

    /** A service that cannot be reached answers 502 in the API's error format instead of an empty body. */
    private record UnreachableAsJson(String service) implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(unreachable -> Future.succeededFuture(context.request().response()
                    .setStatusCode(502)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .setBody(Body.body(error("BAD_GATEWAY", service + "-service is not reachable; try again later.")))));
        }
    }
}
