package ai.automations.console.proxy;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import ai.automations.console.config.ConsoleConfig;

/**
 * The services behind the front door by their key in the routing table ({@code registry}, {@code trigger},
 * {@code action}, {@code secrets}) and their base URLs from {@link ConsoleConfig}.
 */
@Singleton
public class Upstreams {

    private final Map<String, URI> baseUrls;

    public Upstreams(ConsoleConfig config, ApiRoutes routes) {
        ConsoleConfig.Services services = config.services();
        Map<String, URI> byKey = new LinkedHashMap<>();
        byKey.put("registry", services.registry());
        byKey.put("trigger", services.trigger());
        byKey.put("action", services.action());
        byKey.put("secrets", services.secrets());
        byKey.values().forEach(Upstreams::requireOrigin);
        routes.routes().stream().filter(r -> !byKey.containsKey(r.service())).findFirst().ifPresent(r -> {
            throw new IllegalStateException("The route " + r.path() + " names the unknown service " + r.service());
        });
        this.baseUrls = Collections.unmodifiableMap(byKey);
    }

    /** Service key to base URL, in a stable order. */
    public Map<String, URI> all() {
        return baseUrls;
    }

    /** The base URL of one service. */
    public URI of(String service) {
        URI url = baseUrls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("No service " + service);
        }
        return url;
    }

    /** The port of a base URL, with the scheme's default when it names none. */
    public static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static void requireOrigin(URI url) {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null
                || (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/"))) {
            throw new IllegalStateException("A service base URL must be http://host:port without a path, not " + url);
        }
    }
}
