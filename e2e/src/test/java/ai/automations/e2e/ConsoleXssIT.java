package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Hostile strings where users and receivers put them (artifact metadata, a payload template, a receiver's response
 * body) are shown as text on every page that displays them, and nothing of them runs: no alert, no flag set by a
 * script, no injected element.
 */
class ConsoleXssIT {

    private static final String SCRIPT = "<script>window.xss=1;alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=\"window.xss=2;alert(2)\">";
    private static final String HOSTILE = SCRIPT + IMG;

    private static Suite suite;
    private static WireMockServer receiver;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(HOSTILE)));
        browser = new ConsoleBrowser(suite.url(Suite.CONSOLE));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        receiver.stop();
    }

    private static String create(String path, Map<String, ?> body) {
        Response response = given().baseUri(suite.url(Suite.CONSOLE))
                .header("Authorization", "Bearer " + suite.adminKey()).contentType(ContentType.JSON)
                .body(body).post(path);
        assertThat(response.statusCode()).as("POST %s -> %s", path, response.asString()).isBetween(200, 201);
        return response.asString();
    }

    @Test
    void hostileStringsAreShownAsTextAndNeverRun() {
        String entity = "xss-" + UUID.randomUUID().toString().substring(0, 8);
        String api = "/api/v1/entities/" + entity;
        create("/api/v1/entities", Map.of("name", entity));
        create(api + "/projects", Map.of("name", "p"));
        create(api + "/integrations", Map.of("kind", "webhook", "name", "hook", "url", receiver.baseUrl() + "/hook"));
        create(api + "/automations", Map.of("name", "hostile",
                "scope", Map.of("type", "ARTIFACT_COLLECTION", "project", "p", "collection", "c"),
                "event", Map.of("type", "CREATE_ARTIFACT"),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "hook",
                        "payload", Map.of("note", HOSTILE, "event", "${event_type}"))));
        create(api + "/projects/p/artifacts", Map.of("collection", "c", "type", "model",
                "metadata", Map.of("note", HOSTILE)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() >= 1);

        browser.signIn(suite.adminKey());
        String e = "/entities/" + entity;

        browser.open(e + "/collections/projects/p/c/versions/v0");
        assertThat(browser.find(By.id("metadata")).getText()).contains(SCRIPT).contains(IMG);
        assertNothingRan();

        browser.open(e + "/automations");
        browser.find(By.linkText("Edit")).click();
        browser.waitForPage();
        assertThat(browser.find(By.id("a-payload")).getAttribute("value")).contains(SCRIPT).contains("onerror");
        assertNothingRan();

        browser.wait.until(d -> {
            browser.open(e + "/executions");
            return !browser.all(By.cssSelector("article.execution[data-status='FINISHED']")).isEmpty();
        });
        browser.find(By.cssSelector("article.execution summary")).click();
        assertThat(browser.find(By.cssSelector("article.execution pre.request")).getText()).contains(SCRIPT);
        assertThat(browser.find(By.cssSelector("article.execution pre.response")).getText()).contains(SCRIPT)
                .contains(IMG);
        assertNothingRan();

        browser.open(e + "/integrations");
        browser.find(By.cssSelector("tr[data-integration='hook'] button.test")).click();
        assertThat(browser.find(By.cssSelector(".test-outcome .test-body")).getText()).contains(SCRIPT).contains(IMG);
        assertNothingRan();
        browser.screenshot("xss-integration-test");
    }

    private static void assertNothingRan() {
        assertThat(browser.alertShown()).as("an alert opened").isFalse();
        assertThat(browser.driver.executeScript("return window.xss === undefined")).isEqualTo(true);
        assertThat(browser.all(By.cssSelector("img[src='x']"))).as("an injected <img>").isEmpty();
        assertThat(browser.all(By.xpath("//script[contains(., 'window.xss')]"))).as("an injected <script>").isEmpty();
    }
}
