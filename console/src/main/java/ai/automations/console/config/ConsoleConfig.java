package ai.automations.console.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the four services live and how the console talks to them. The console owns no data: every page and every
 * {@code /api/v1} call is answered by one of these, so each base URL is configurable (locally the ports of
 * {@code bin/automations up}, in Kubernetes the Services of the chart).
 */
@ConfigMapping(prefix = "automations.console")
public interface ConsoleConfig {

    /** The base URLs of the services behind the front door. */
    Services services();

    /** The connections from the console to the services. */
    Upstream upstream();

    /** One base URL per service: {@code http://host:port}, without a path. */
    interface Services {

        @WithDefault("http://127.0.0.1:8081")
        URI registry();

        @WithDefault("http://127.0.0.1:8082")
        URI trigger();

        @WithDefault("http://127.0.0.1:8083")
        URI action();

        @WithDefault("http://127.0.0.1:8084")
        URI secrets();
    }

    /** Connection settings shared by the front door, the OpenAPI merge and the health check. */
    interface Upstream {

        /** How long opening a connection to a service may take before the call fails with 502. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Connections kept per service. */
        @WithDefault("64")
        int maxConnections();

        /** How long the health check and the OpenAPI merge wait for a service's answer. */
        @WithDefault("5s")
        Duration requestTimeout();
    }
}
