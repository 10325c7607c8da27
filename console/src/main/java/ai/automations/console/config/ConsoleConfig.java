package ai.automations.console.config;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the four services live. The console owns no data: every page and every {@code /api/v1} call is answered by
 * one of these, so each base URL is configurable (locally the ports of {@code bin/automations up}, in Kubernetes the
 * Services of the chart).
 */
@ConfigMapping(prefix = "automations.console")
public interface ConsoleConfig {

    /** The base URLs of the services behind the front door. */
    Services services();

    /** One base URL per service, without a trailing path. */
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
}
