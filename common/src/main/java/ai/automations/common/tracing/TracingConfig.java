package ai.automations.common.tracing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether and where a service exports its spans (see {@link Tracing}). Off unless {@code enabled} is set, e.g. with
 * {@code AUTOMATIONS_TRACING_ENABLED=true} and {@code AUTOMATIONS_TRACING_ENDPOINT=http://collector:4318}.
 */
@ConfigMapping(prefix = "automations.tracing")
public interface TracingConfig {

    /** Whether spans are recorded and exported; when off every span is a no-op and nothing is sent anywhere. */
    @WithDefault("false")
    boolean enabled();

    /** The OTLP/HTTP (protobuf) base URL of the collector; spans are posted to {@code <endpoint>/v1/traces}. */
    @WithDefault("http://localhost:4318")
    String endpoint();

    /** The share of new traces recorded, 0.0 to 1.0; a trace started elsewhere follows the caller's decision. */
    @WithDefault("1.0")
    double sampler();

    /** The {@code service.name} resource attribute; defaults to {@code quarkus.application.name}. */
    Optional<String> serviceName();

    /** How long spans may wait in the batch before they are exported. */
    @WithDefault("1s")
    Duration exportDelay();
}
