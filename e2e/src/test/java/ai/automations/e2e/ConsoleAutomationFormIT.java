package ai.automations.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's forms for the automation model v2, in a real browser against the packaged suite: a {@code where}
 * node the API refuses is shown next to the editor with its path and nothing is saved; a {@code where} and a rate
 * limit are saved, listed, and survive an edit of another field (an edit is a whole {@code PUT}); a webhook signed
 * the W&B way with {@code traceparent}; a collection tag added on the collection page.
 */
class ConsoleAutomationFormIT {

    private static final String REGISTRY = "registry-service";
    private static final String WHERE = "{\"$and\": [{\"aliases\": {\"$contains\": \"candidate\"}}, "
            + "{\"metadata.accuracy\": {\"$gte\": 0.9}}]}";

    private static Suite suite;
    private static ApiClient admin;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        admin = new ApiClient(suite, suite.adminKey());
        browser = new ConsoleBrowser(suite.url(Suite.CONSOLE));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void whereAndRateLimitAreSavedAndSurviveAnEditAndARefusedNodeIsShownAtTheEditor() {
        String entity = "v2-" + UUID.randomUUID().toString().substring(0, 8);
        String api = "/api/v1/entities/" + entity;
        String e = "/entities/" + entity;
        admin.created(REGISTRY, "/api/v1/entities", Map.of("name", entity));
        admin.created(REGISTRY, api + "/registries", Map.of("name", "model"));
        admin.created(REGISTRY, api + "/registries/model/collections", Map.of("name", "fraud-detector",
                "type", "model"));
        browser.signIn(suite.adminKey());

        browser.open(e + "/integrations");
        browser.type(By.id("i-name"), "wandb-hook");
        browser.type(By.id("i-url"), "http://127.0.0.1:9/hook");
        browser.select(By.id("i-signature-format"), "wandb");
        browser.find(By.id("i-traceparent")).click();
        assertThat(browser.submitAndWaitForFlash(By.id("create-integration"))).contains("created");
        assertThat(browser.find(By.cssSelector("tr[data-integration='wandb-hook'] td.signing")).getText())
                .contains("X-Wandb-Signature").contains("traceparent");
        JsonNode integration = admin.ok(REGISTRY, api + "/integrations/wandb-hook");
        assertThat(integration.get("signatureFormat").asText()).isEqualTo("wandb");
        assertThat(integration.get("sendTraceparent").asBoolean()).isTrue();

        browser.open(e + "/automations/new?scopeType=REGISTRY&registry=model");
        browser.type(By.id("a-name"), "gated");
        browser.select(By.id("a-event"), "LINK_ARTIFACT");
        browser.type(By.id("a-where"), "{\"$and\": [{\"alias\": {\"$regex\": \"(unclosed\"}}]}");
        browser.type(By.id("a-rate-max"), "10");
        browser.type(By.id("a-rate-per"), "3600");
        browser.select(By.id("a-action"), "NO_OP");
        browser.find(By.id("save-automation")).click();
        assertThat(browser.find(By.id("a-where-error")).getText())
                .contains("event.filter.where.$and[0].alias.$regex");
        assertThat(browser.find(By.id("a-where")).getAttribute("value")).contains("(unclosed");
        assertThat(browser.find(By.id("a-rate-max")).getAttribute("value")).isEqualTo("10");
        browser.screenshot("v2-01-where-refused");
        assertThat(admin.ok(REGISTRY, api + "/automations?name=gated")).as("nothing saved").isEmpty();

        browser.type(By.id("a-where"), WHERE);
        assertThat(browser.submitAndWaitForFlash(By.id("save-automation"))).contains("created");
        assertThat(browser.find(By.cssSelector("tr[data-automation='gated']")).getText())
                .contains("candidate").contains("at most 10 per 3600 s");
        JsonNode created = admin.ok(REGISTRY, api + "/automations?name=gated").get(0);

        browser.find(By.cssSelector("tr[data-automation='gated'] a[href$='/edit']")).click();
        browser.waitForPage();
        assertThat(browser.find(By.id("a-rate-per")).getAttribute("value")).isEqualTo("3600");
        browser.type(By.id("a-description"), "only accurate candidates");
        browser.screenshot("v2-02-edit");
        assertThat(browser.submitAndWaitForFlash(By.id("save-automation"))).contains("saved");
        JsonNode edited = admin.ok(REGISTRY, api + "/automations/" + created.get("id").asText());
        assertThat(edited.get("description").asText()).isEqualTo("only accurate candidates");
        assertThat(edited.get("rateLimit")).isEqualTo(ApiClient.read("{\"max\": 10, \"perSeconds\": 3600}"));
        assertThat(edited.at("/event/filter/where")).isEqualTo(ApiClient.read(WHERE));

        browser.open(e + "/collections/registries/model/fraud-detector");
        browser.type(By.id("collection-tag"), "approved");
        assertThat(browser.submitAndWaitForFlash(By.id("add-collection-tag"))).contains("Tagged");
        assertThat(browser.find(By.id("collection-tags")).getText()).contains("approved");
        assertThat(admin.ok(REGISTRY, api + "/registries/model/collections/fraud-detector").get("tags").toString())
                .contains("approved");
    }
}
