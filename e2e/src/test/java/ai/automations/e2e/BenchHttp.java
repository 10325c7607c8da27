package ai.automations.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The benches' blocking caller of the suite's API with one key, over a plain JDK client: its requests are the ones
 * timed, so they carry no test framework's work.
 */
final class BenchHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String key;

    BenchHttp(String key) {
        this.key = key;
    }

    /** POSTs {@code body} (JSON text) and answers whatever came back. */
    HttpResponse<String> send(String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} as JSON, requires {@code expected}; the answer's body. */
    String post(String url, Map<String, ?> body, int expected) throws Exception {
        HttpResponse<String> response = send(url, ApiClient.write(body));
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
