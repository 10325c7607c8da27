package ai.automations.console.proxy;

import java.net.URI;

import jakarta.inject.Singleton;

import ai.automations.console.config.ConsoleConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClientResponse;

/** GETs the console makes itself on a service (its OpenAPI document, its liveness), bounded by the request timeout. */
@Singleton
public class UpstreamCalls {

    private final UpstreamClient client;
    private final Upstreams upstreams;
    private final long timeoutMillis;

    public UpstreamCalls(UpstreamClient client, Upstreams upstreams, ConsoleConfig config) {
        this.client = client;
        this.upstreams = upstreams;
        this.timeoutMillis = config.upstream().requestTimeout().toMillis();
    }

    /** The body of a 200 answer to {@code GET <service base URL><pathAndQuery>}; fails on any other status. */
    public Uni<Buffer> get(String service, String pathAndQuery) {
        URI base = upstreams.of(service);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(Upstreams.port(base))
                .setURI(pathAndQuery)
                .setTimeout(timeoutMillis);
        return client.mutiny().request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> okBody(service, pathAndQuery, response));
    }

    private static Uni<Buffer> okBody(String service, String pathAndQuery, HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return response.body().flatMap(ignored -> Uni.createFrom().failure(new IllegalStateException(
                    service + "-service answered " + response.statusCode() + " to GET " + pathAndQuery)));
        }
        return response.body();
    }
}
