package ai.automations.console.tracing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console's span export, under the same names as the services' ({@code automations.tracing.*}, see
 * docs/observability.md), so one setting turns tracing on across the suite. Off unless {@code enabled}.
 */
@ConfigMapping(prefix = "automations.tracing")
public interface TracingSettings {

    /** Whether the front door records and exports spans; when off it only forwards the caller's traceparent. */
    @WithDefault("false")
    boolean enabled();

    /** The OTLP/HTTP (protobuf) base URL of the collector; spans are posted to {@code <endpoint>/v1/traces}. */
    @WithDefault("http://localhost:4318")
    String endpoint();

    /** The share of new traces recorded, 0.0 to 1.0; a trace started by the caller follows the caller's decision. */
    @WithDefault("1.0")
    double sampler();

    /** The {@code service.name} resource attribute; defaults to {@code quarkus.application.name}. */
    Optional<String> serviceName();

    /** How long spans may wait in the batch before they are exported. */
    @WithDefault("1s")
    Duration exportDelay();
}
