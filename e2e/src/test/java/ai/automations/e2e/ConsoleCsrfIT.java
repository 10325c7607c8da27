package ai.automations.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A page on another origin that posts a form to the console while the user is signed in there: the console refuses
 * it, and nothing is created.
 */
class ConsoleCsrfIT {

    private static Suite suite;
    private static WireMockServer attacker;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        attacker = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        attacker.start();
        browser = new ConsoleBrowser(suite.url(Suite.CONSOLE));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        attacker.stop();
    }

    @Test
    void aCrossSiteFormPostIsRefused() {
        String entity = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        attacker.stubFor(get(urlEqualTo("/prize")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body><h1>You won!</h1>"
                        + "<form method=\"post\" action=\"" + suite.url(Suite.CONSOLE) + "/entities\">"
                        + "<input type=\"hidden\" name=\"name\" value=\"" + entity + "\">"
                        + "<button type=\"submit\" id=\"claim\">Claim</button></form></body></html>")));
        browser.signIn(suite.adminKey());

        browser.driver.get("http://localhost:" + attacker.port() + "/prize");
        browser.markPage();
        browser.find(By.id("claim")).click();
        browser.waitForReload();

        assertThat(browser.find(By.id("error-message")).getText()).contains("refused");
        browser.screenshot("csrf-refused");
        int status = given().baseUri(suite.url(Suite.CONSOLE)).header("Authorization", "Bearer " + suite.adminKey())
                .get("/api/v1/entities/" + entity).statusCode();
        assertThat(status).as("the entity the forged form asked for").isIn(403, 404);

        browser.open("/entities");
        assertThat(browser.find(By.id("sign-out")).isDisplayed()).as("the user is still signed in").isTrue();
    }
}
