package ai.automations.console.proxy;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import ai.automations.console.config.ConsoleConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/** The one HTTP client pool from the console to the services, shared by the proxy, the OpenAPI merge and health. */
@Singleton
public class UpstreamClient {

    private final HttpClient client;

    public UpstreamClient(Vertx vertx, ConsoleConfig config) {
        ConsoleConfig.Upstream upstream = config.upstream();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setMaxPoolSize(upstream.maxConnections())
                .setKeepAlive(true));
    }

    /** The Mutiny client, for calls the console makes itself. */
    public HttpClient mutiny() {
        return client;
    }

    /** The bare Vert.x client, for the HTTP proxy. */
    public io.vertx.core.http.HttpClient core() {
        return client.getDelegate();
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
