package ai.automations.common.tracing;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * The suite's one OpenTelemetry setup, built on the SDK directly (no Quarkus 3.37.x serves
 * {@code quarkus-opentelemetry} with every other extension the build needs). Spans are started explicitly where a
 * trace crosses something: an HTTP request, an outbox row, a Kafka record, an evaluation, a delivery attempt, a
 * secrets lookup; between processes the context travels as a W3C {@code traceparent} string (HTTP header, outbox
 * column, CloudEvents extension, Kafka header). Attributes are chosen by the call sites and never hold a secret value,
 * a header or a query string. When disabled, every span is a no-op and costs next to nothing.
 */
@ApplicationScoped
public class Tracing {

    /** The W3C header, Kafka header and CloudEvents extension name. */
    public static final String TRACEPARENT = "traceparent";

    static final String CURRENT_SPAN = "ai.automations.tracing.span";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final boolean enabled;

    public Tracing(TracingConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.enabled = config.enabled();
        if (!enabled) {
            this.provider = null;
            this.openTelemetry = OpenTelemetry.noop();
        } else {
            String endpoint = config.endpoint().replaceAll("/+$", "") + "/v1/traces";
            this.provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                            AttributeKey.stringKey("service.name"), config.serviceName().orElse(applicationName)))))
                    .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampler())))
                    .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(endpoint).build())
                            .setScheduleDelay(config.exportDelay()).build())
                    .build();
            this.openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            Log.infof("Tracing on: exporting spans over OTLP/HTTP to %s (sampling %.2f)", endpoint, config.sampler());
        }
        this.tracer = openTelemetry.getTracer("ai.automations");
    }

    public boolean enabled() {
        return enabled;
    }

    /** Starts a span of {@code kind} whose parent is {@code traceparent} (a new trace when null or unreadable). */
    public Span start(String name, SpanKind kind, String traceparent) {
        if (!enabled) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent(traceparent)).startSpan();
    }

    /** Starts a span whose parent is the span of the current request, if there is one (see {@link #current()}). */
    public Span startChild(String name, SpanKind kind) {
        return start(name, kind, traceparent(current()));
    }

    /** The W3C {@code traceparent} of {@code span}, or null when it is not a recorded span. */
    public static String traceparent(Span span) {
        if (span == null) {
            return null;
        }
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The trace id (32 hex digits) of a {@code traceparent}, or null when it is not one. */
    public static String traceId(String traceparent) {
        SpanContext context = spanContext(traceparent);
        return context.isValid() ? context.getTraceId() : null;
    }

    /** The span context a W3C {@code traceparent} names; an invalid context for null or garbage. */
    static SpanContext spanContext(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER)).getSpanContext();
    }

    /** The span of the HTTP request being served on the current Vert.x context, or an invalid span. */
    public static Span current() {
        io.vertx.core.Context context = Vertx.currentContext();
        Object span = context == null ? null : context.getLocal(CURRENT_SPAN);
        return span instanceof Span s ? s : Span.getInvalid();
    }

    /** The {@code traceparent} of {@link #current()}, or null. */
    public static String currentTraceparent() {
        return traceparent(current());
    }

    private static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP_GETTER);
    }

    void flushOnShutdown(@Observes ShutdownEvent event) {
        if (provider != null) {
            provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
