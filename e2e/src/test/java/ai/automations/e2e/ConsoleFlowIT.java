package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The README walkthrough in the console, in a real browser: sign in, create an entity, a registry and collection, a
 * secret, a webhook integration and an automation through the pages; log and link a version and add the alias through
 * the page; see the execution FINISHED with the token shown as {@code ***}; redeliver it; preview the automation
 * against the real version (dry-run); test the integration; rotate the secret; make and revoke an API key shown once.
 * Screenshots go to {@code target/screenshots}.
 */
class ConsoleFlowIT {

    private static final String TOKEN = "tok-console-5e4d3c2b1a";
    private static final String ROTATED = "tok-console-rotated-77";

    private static Suite suite;
    private static WireMockServer receiver;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/deploy")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"deployed\":true}")));
        browser = new ConsoleBrowser(suite.url(Suite.CONSOLE));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        receiver.stop();
    }

    @Test
    void theWalkthroughInTheConsole() {
        String entity = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        String e = "/entities/" + entity;
        browser.signIn(suite.adminKey());
        browser.screenshot("01-signed-in");

        browser.open("/entities");
        browser.type(By.id("entity-name"), entity);
        assertThat(browser.submitAndWaitForFlash(By.id("create-entity"))).contains("created");
        assertThat(browser.find(By.id("role")).getText()).isEqualTo("ADMIN");

        browser.type(By.id("registry-name"), "model");
        assertThat(browser.submitAndWaitForFlash(By.id("create-registry"))).contains("Registry 'model' created");
        browser.type(By.id("collection-name"), "fraud-detector");
        assertThat(browser.submitAndWaitForFlash(By.id("create-collection"))).contains("created");

        browser.open(e + "/secrets");
        browser.type(By.id("secret-name"), "CI_TOKEN");
        browser.type(By.id("secret-value"), TOKEN);
        assertThat(browser.submitAndWaitForFlash(By.id("create-secret"))).contains("Secret 'CI_TOKEN' created");
        assertThat(browser.driver.getPageSource()).doesNotContain(TOKEN);

        browser.open(e + "/integrations");
        browser.type(By.id("i-name"), "ci");
        browser.type(By.id("i-url"), receiver.baseUrl() + "/deploy");
        browser.select(By.id("i-token"), "CI_TOKEN");
        assertThat(browser.submitAndWaitForFlash(By.id("create-integration"))).contains("Integration 'ci' created");

        browser.open(e + "/automations/new?scopeType=ARTIFACT_COLLECTION&registry=model&collection=fraud-detector");
        browser.type(By.id("a-name"), "deploy-on-production");
        browser.select(By.id("a-event"), "ADD_ARTIFACT_ALIAS");
        browser.type(By.id("a-alias-regex"), "^production$");
        browser.select(By.id("a-action"), "GENERIC_WEBHOOK");
        browser.select(By.id("a-integration"), "ci");
        browser.type(By.id("a-payload"), "{\"event\": \"${event_type}\", \"version\": \"${artifact_version_string}\","
                + " \"token\": \"${ACCESS_TOKEN}\"}");
        browser.screenshot("02-automation-form");
        assertThat(browser.submitAndWaitForFlash(By.id("save-automation"))).contains("created");
        assertThat(browser.find(By.cssSelector("tr[data-automation='deploy-on-production']")).getText())
                .contains("ADD_ARTIFACT_ALIAS").contains("never");

        browser.open(e + "/projects");
        browser.type(By.id("project-name"), "fraud");
        assertThat(browser.submitAndWaitForFlash(By.id("create-project"))).contains("created");
        browser.type(By.id("artifact-collection"), "fraud-model");
        browser.type(By.id("artifact-metadata"), "{\"accuracy\": 0.93}");
        assertThat(browser.submitAndWaitForFlash(By.id("log-artifact"))).contains("logged");
        browser.open(e + "/collections/projects/fraud/fraud-model/versions/v0");
        browser.select(By.id("link-registry"), "model");
        browser.type(By.id("link-collection"), "fraud-detector");
        assertThat(browser.submitAndWaitForFlash(By.id("link"))).contains("Linked v0");

        browser.open(e + "/collections/registries/model/fraud-detector/versions/v0");
        browser.type(By.id("alias"), "production");
        assertThat(browser.submitAndWaitForFlash(By.id("add-alias"))).contains("Added alias 'production'");
        assertThat(browser.find(By.id("aliases")).getText()).contains("production");
        browser.screenshot("03-version-with-alias");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/deploy"))).size() >= 1);
        String webhookId = receiver.findAll(postRequestedFor(urlEqualTo("/deploy"))).get(0).getHeader("webhook-id");

        browser.open(e + "/executions");
        browser.wait.until(d -> {
            browser.open(e + "/executions");
            return !browser.all(By.cssSelector("article.execution[data-status='FINISHED']")).isEmpty();
        });
        WebElement execution = browser.find(By.cssSelector("article.execution[data-status='FINISHED']"));
        execution.findElement(By.tagName("summary")).click();
        String request = browser.find(By.cssSelector("article.execution pre.request")).getText();
        assertThat(request).contains("\"token\" : \"***\"").doesNotContain(TOKEN);
        assertThat(browser.driver.getPageSource()).doesNotContain(TOKEN).doesNotContain(suite.adminKey());
        browser.screenshot("04-execution-finished");

        assertThat(browser.submitAndWaitForFlash(By.cssSelector("article.execution button.redeliver")))
                .contains("Redelivery queued");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/deploy"))).size() >= 2);
        List<LoggedRequest> calls = receiver.findAll(postRequestedFor(urlEqualTo("/deploy")));
        assertThat(calls.get(1).getHeader("webhook-id")).isEqualTo(webhookId);

        browser.open(e + "/automations");
        assertThat(browser.find(By.cssSelector("tr[data-automation='deploy-on-production']")).getText())
                .contains("FINISHED").doesNotContain("never");

        browser.find(By.linkText("Edit")).click();
        browser.waitForPage();
        browser.select(By.id("p-event"), "ADD_ARTIFACT_ALIAS");
        browser.select(By.id("p-in"), "registries");
        browser.type(By.id("p-owner"), "model");
        browser.type(By.id("p-collection"), "fraud-detector");
        browser.type(By.id("p-version"), "v0");
        browser.type(By.id("p-alias"), "production");
        browser.find(By.id("preview-button")).click();
        browser.wait.until(d -> browser.find(By.id("preview-matched")).getText().startsWith("Matches"));
        assertThat(browser.find(By.id("preview-payload")).getText()).contains("\"token\" : \"***\"")
                .contains(entity + "/model/fraud-detector:v0");
        browser.type(By.id("p-alias"), "staging");
        browser.find(By.id("preview-button")).click();
        browser.wait.until(d -> browser.find(By.id("preview-matched")).getText().startsWith("Does not match"));
        browser.screenshot("05-dry-run-preview");

        browser.open(e + "/integrations");
        browser.find(By.cssSelector("tr[data-integration='ci'] button.test")).click();
        WebElement outcome = browser.find(By.cssSelector(".test-outcome"));
        assertThat(browser.find(By.id("test-status")).getText()).isEqualTo("200");
        assertThat(outcome.getText()).contains("ms").contains("deployed");
        browser.screenshot("06-integration-test");

        browser.open(e + "/secrets");
        assertThat(browser.find(By.cssSelector("tr[data-secret='CI_TOKEN'] .version")).getText()).isEqualTo("1");
        browser.type(By.cssSelector("tr[data-secret='CI_TOKEN'] input[type='password']"), ROTATED);
        assertThat(browser.submitAndWaitForFlash(By.cssSelector("tr[data-secret='CI_TOKEN'] form.rotate button")))
                .contains("rotated");
        assertThat(browser.find(By.cssSelector("tr[data-secret='CI_TOKEN'] .version")).getText()).isEqualTo("2");
        assertThat(browser.driver.getPageSource()).doesNotContain(ROTATED).doesNotContain(TOKEN);
        assertThat(browser.find(By.id("audit")).getText()).contains("ROTATE").contains("CREATE");
        browser.screenshot("07-secrets-rotated");

        browser.open("/api-keys");
        assertThat(browser.submitAndWaitForFlash(By.id("create-key"))).contains("shown only now");
        String newKey = browser.find(By.id("shown-once")).getText();
        assertThat(newKey).isNotBlank().isNotEqualTo(suite.adminKey());
        browser.open("/api-keys");
        assertThat(browser.driver.getPageSource()).doesNotContain(newKey);
        WebElement newRow = browser.all(By.cssSelector("#api-keys tr[data-prefix]")).stream()
                .filter(row -> newKey.startsWith(row.getAttribute("data-prefix"))
                        && !suite.adminKey().startsWith(row.getAttribute("data-prefix")))
                .findFirst().orElseThrow();
        browser.markPage();
        newRow.findElement(By.cssSelector("button.danger")).click();
        browser.driver.switchTo().alert().accept();
        browser.waitForReload();
        assertThat(browser.find(By.cssSelector(".flash")).getText()).contains("revoked");

        browser.open(e + "/members");
        assertThat(browser.find(By.id("members")).getText()).contains("ADMIN");
        browser.screenshot("08-members");

        chartsOfARunsLoggedHistory(entity);
    }

    /** A run logged through the API is charted per metric on its page, reached through the project's page. */
    private static void chartsOfARunsLoggedHistory(String entity) {
        ApiClient api = new ApiClient(suite, suite.adminKey());
        String runs = "/api/v1/entities/" + entity + "/projects/fraud/runs";
        api.created(ApiClient.REGISTRY, runs, Map.of("id", "brave-owl-1", "name", "brave-owl"));
        List<Map<String, Object>> points = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            points.add(Map.of("step", step, "metrics", Map.of("loss", Math.exp(-step / 50.0) + 0.05 * Math.sin(step),
                    "accuracy", 1 - Math.exp(-step / 40.0))));
        }
        ApiClient.expect(202, api.post(ApiClient.REGISTRY, runs + "/brave-owl-1/history", points), "history");

        browser.open("/entities/" + entity + "/projects/fraud");
        browser.find(By.linkText("brave-owl")).click();
        browser.waitForPage();
        browser.wait.until(d -> Long.valueOf(2).equals(browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('canvas[data-points]'))"
                        + ".filter(c => Chart.getChart(c) && c.width > 0).length")));
        assertThat(browser.find(By.id("run-charts")).getText()).contains("loss").contains("accuracy")
                .contains("200 points");
        assertThat(browser.driver.executeScript("return Chart.getChart(document.querySelector("
                + "'canvas[data-metric=\"loss\"]')).data.datasets[0].data.length")).isEqualTo(200L);
        browser.screenshot("09-run-charts");
    }
}
