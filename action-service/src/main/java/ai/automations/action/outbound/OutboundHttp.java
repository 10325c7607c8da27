package ai.automations.action.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.outbound.CallResult.Failure;
import ai.automations.action.outbound.SystemHostResolver.UnresolvableHostException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Every call action-service makes to a user-configured URL goes through here: the host is resolved, each address is
 * checked by {@link AddressPolicy}, and the connection is made to the checked address itself (so a name that
 * resolves differently a moment later cannot redirect the call). Redirects are not followed. The whole exchange has
 * one deadline, and only the start of the response body is kept.
 */
@ApplicationScoped
public class OutboundHttp {

    /** How much of a body is read for interpretation (e.g. Slack's {"ok":false}); less is stored. */
    public static final int MAX_INSPECTED_BODY = 64 * 1024;

    private final Vertx vertx;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final OutboundConfig config;
    private final HttpClient client;

    public OutboundHttp(Vertx vertx, HostResolver resolver, AddressPolicy policy, OutboundConfig config) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.policy = policy;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(Math.max(8, config.perIntegration().concurrency() * 2))
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setForceSni(true)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * POSTs {@code body} to {@code url}. {@code headers} is asked for the headers just before the request leaves, so
     * that time-dependent ones (timestamps, signatures) are fresh.
     */
    public Uni<CallResult> post(String url, Supplier<Map<String, String>> headers, byte[] body) {
        long start = System.nanoTime();
        URI uri;
        try {
            uri = parse(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(CallResult.failed(Failure.INVALID_URL, e.getMessage(), 0));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return resolver.resolve(host)
                .onItem().transformToUni(addresses -> {
                    Optional<InetAddress> allowed = addresses.stream().filter(a -> policy.refusal(a).isEmpty()).findFirst();
                    if (allowed.isEmpty()) {
                        String why = addresses.isEmpty() ? "no address" : policy.refusal(addresses.get(0)).orElse("");
                        return Uni.createFrom().item(CallResult.failed(Failure.REFUSED_ADDRESS,
                                "refused: '" + host + "' resolves to " + why, elapsedMs(start)));
                    }
                    try {
                        return exchange(uri, allowed.get(), headers.get(), body, start);
                    } catch (IllegalArgumentException e) {
                        // e.g. a header value with a line break; the message may quote the value, so it is not kept
                        return Uni.createFrom().item(CallResult.failed(Failure.INVALID_URL,
                                "the request could not be built (an invalid header value?)", elapsedMs(start)));
                    }
                })
                .onFailure(UnresolvableHostException.class)
                .recoverWithItem(e -> CallResult.failed(Failure.UNRESOLVABLE, e.getMessage(), elapsedMs(start)));
    }

    private Uni<CallResult> exchange(URI uri, InetAddress address, Map<String, String> headers, byte[] body, long start) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timeoutMs = config.requestTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(timeoutMs + 1000);
        headers.forEach(options::putHeader);
        return Uni.createFrom().emitter(emitter -> new Exchange(emitter, start, timeoutMs).run(options, body));
    }

    /** One request/response with a single deadline; completes its emitter exactly once. */
    private final class Exchange {
        private final UniEmitter<? super CallResult> emitter;
        private final long start;
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        private final long timer;

        Exchange(UniEmitter<? super CallResult> emitter, long start, long timeoutMs) {
            this.emitter = emitter;
            this.start = start;
            this.timer = vertx.setTimer(timeoutMs, id -> {
                finish(CallResult.failed(Failure.TIMEOUT, "no complete response within " + timeoutMs + " ms",
                        elapsedMs(start)));
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset(0, new TimeoutException());
                }
            });
        }

        void run(RequestOptions options, byte[] body) {
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    finish(CallResult.failed(Failure.CONNECT, describe(created.cause()), elapsedMs(start)));
                    return;
                }
                HttpClientRequest req = created.result();
                request.set(req);
                req.send(Buffer.buffer(body)).onComplete(sent -> {
                    if (sent.failed()) {
                        finish(CallResult.failed(isTimeout(sent.cause()) ? Failure.TIMEOUT : Failure.IO,
                                describe(sent.cause()), elapsedMs(start)));
                        return;
                    }
                    read(sent.result());
                });
            });
        }

        private void read(HttpClientResponse response) {
            Buffer collected = Buffer.buffer();
            response.handler(chunk -> {
                int room = MAX_INSPECTED_BODY - collected.length();
                if (room > 0) {
                    collected.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
                }
            });
            response.exceptionHandler(e -> finish(CallResult.failed(
                    isTimeout(e) ? Failure.TIMEOUT : Failure.IO, describe(e), elapsedMs(start))));
            response.endHandler(v -> finish(CallResult.response(response.statusCode(), collected.toString(),
                    response.getHeader("Retry-After"), elapsedMs(start))));
        }

        private void finish(CallResult result) {
            if (done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                emitter.complete(result);
            }
        }
    }

    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no URL");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase())) {
            throw new IllegalArgumentException("only http and https URLs are called");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        return uri;
    }

    /** Vert.x and Netty report idle timeouts with their own exception types. */
    private static boolean isTimeout(Throwable e) {
        return e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }

    private static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
