package ai.automations.common.tracing;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.Vertx;

/**
 * One SERVER span per REST request a service serves, child of the caller's {@code traceparent} header. The span is
 * kept on the request's Vert.x context (so the outbox row and outgoing calls of the request join the trace) and its
 * ids go to the logging MDC as {@code traceId}/{@code spanId}. It records the method, the route template and the
 * status only: no URL with its query string, no header (the {@code Authorization} header never reaches a span).
 */
public class ServerSpans {

    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private static final java.util.Map<String, String> ROUTES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Tracing tracing;

    public ServerSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!tracing.enabled() || Vertx.currentContext() == null) {
            return;
        }
        String route = route(resource);
        Span span = tracing.start(request.getMethod() + " " + route, SpanKind.SERVER,
                request.getHeaderString(Tracing.TRACEPARENT));
        span.setAttribute("http.request.method", request.getMethod());
        span.setAttribute("http.route", route);
        Vertx.currentContext().putLocal(Tracing.CURRENT_SPAN, span);
        MDC.put(TRACE_ID, span.getSpanContext().getTraceId());
        MDC.put(SPAN_ID, span.getSpanContext().getSpanId());
    }

    @ServerResponseFilter
    public void end(ContainerResponseContext response) {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null || !(context.getLocal(Tracing.CURRENT_SPAN) instanceof Span span)) {
            return;
        }
        context.removeLocal(Tracing.CURRENT_SPAN);
        span.setAttribute("http.response.status_code", response.getStatus());
        if (response.getStatus() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }

    private static String route(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "unmatched";
        }
        return ROUTES.computeIfAbsent(resource.getResourceClass().getName() + "#" + resource.getMethodName()
                + java.util.Arrays.toString(resource.parameterTypes()), key -> template(resource));
    }

    private static String template(SimpleResourceInfo resource) {
        jakarta.ws.rs.Path type = resource.getResourceClass().getAnnotation(jakarta.ws.rs.Path.class);
        String path = type == null ? "" : type.value();
        try {
            jakarta.ws.rs.Path method = resource.getResourceClass()
                    .getMethod(resource.getMethodName(), resource.parameterTypes())
                    .getAnnotation(jakarta.ws.rs.Path.class);
            if (method != null) {
                path = path.replaceAll("/+$", "") + "/" + method.value().replaceAll("^/+", "");
            }
        } catch (NoSuchMethodException e) {
            // the class path alone names the route
        }
        return path.isEmpty() ? "/" : path;
    }
}
