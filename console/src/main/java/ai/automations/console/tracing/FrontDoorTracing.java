package ai.automations.console.tracing;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The front door's part of a trace: each proxied {@code /api/v1} call is a SERVER span (child of the caller's
 * {@code traceparent} header, if any) and the service behind it receives that span as its {@code traceparent}, so a
 * walkthrough through the console is one trace from the door to the webhook. The span records the method, the
 * service and the status only: no path, query string or header. When tracing is off nothing is recorded and the
 * caller's {@code traceparent} passes through unchanged, as every other header does.
 */
@Singleton
public class FrontDoorTracing {

    static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    public FrontDoorTracing(TracingSettings settings,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        if (!settings.enabled()) {
            provider = null;
            tracer = null;
            return;
        }
        String endpoint = settings.endpoint().replaceAll("/+$", "") + "/v1/traces";
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), settings.serviceName().orElse(applicationName)))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampler())))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                        .setScheduleDelay(settings.exportDelay()).build())
                .build();
        tracer = provider.get("ai.automations.console");
        Log.infof("Tracing on: the front door exports spans over OTLP/HTTP to %s (sampling %.2f)", endpoint,
                settings.sampler());
    }

    /** Whether spans are recorded. */
    public boolean enabled() {
        return tracer != null;
    }

    /** The interceptor that makes each call to {@code service} a span; none (null) when tracing is off. */
    public ProxyInterceptor interceptor(String service) {
        return enabled() ? new Hop(service) : null;
    }

    /** A SERVER span around one proxied call, handed to the service as its {@code traceparent}. */
    private final class Hop implements ProxyInterceptor {

        private final String service;

        Hop(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            String method = request.getMethod().name();
            Span span = tracer.spanBuilder(method + " front door -> " + service).setSpanKind(SpanKind.SERVER)
                    .setParent(parent(request.headers().get(TRACEPARENT))).startSpan();
            span.setAttribute("http.request.method", method);
            span.setAttribute("automations.upstream", service);
            String own = traceparent(span);
            if (own != null) {
                request.headers().set(TRACEPARENT, own);
            }
            return context.sendRequest().andThen(answered -> {
                if (answered.succeeded()) {
                    int status = answered.result().getStatusCode();
                    span.setAttribute("http.response.status_code", status);
                    if (status >= 500) {
                        span.setStatus(StatusCode.ERROR);
                    }
                } else {
                    span.setStatus(StatusCode.ERROR, "the service did not answer");
                }
                span.end();
            });
        }
    }

    private static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent),
                GETTER);
    }

    /** The W3C {@code traceparent} of a recorded span, or null. */
    static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    @PreDestroy
    void flush() {
        if (provider != null) {
            provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
