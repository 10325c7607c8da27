package ai.automations.console.ui.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The console's guards as a browser meets them: session cookie, CSRF, Origin, CSP, escaping and viewer controls. */
@QuarkusTest
@QuarkusTestResource(value = StubApi.class, restrictToAnnotatedClass = true)
class ConsolePagesTest {

    @Test
    void signInPageSetsAStrictHttpOnlyCookieAndAPolicyWithoutInlineScripts() {
        Response page = given().get("/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body().asString()).contains("type=\"password\"").doesNotContain("<script>");
    }

    @Test
    void aPostWithoutTheCsrfTokenOrFromAnotherOriginIsRefused() {
        Response page = given().get("/sign-in");
        String cookie = page.cookie(SessionCookie.NAME);
        String token = csrf(page.body().asString());

        given().cookie(SessionCookie.NAME, cookie).formParam("apiKey", StubApi.KEY).post("/sign-in")
                .then().statusCode(403);
        given().cookie(SessionCookie.NAME, cookie).header("X-CSRF-Token", token)
                .header("Origin", "http://evil.example").formParam("apiKey", StubApi.KEY).post("/sign-in")
                .then().statusCode(403);
        given().cookie(SessionCookie.NAME, cookie).header("X-CSRF-Token", token).header("Sec-Fetch-Site", "cross-site")
                .formParam("apiKey", StubApi.KEY).post("/sign-in")
                .then().statusCode(403);
        given().cookie(SessionCookie.NAME, cookie).redirects().follow(false).get("/entities")
                .then().statusCode(303);
    }

    @Test
    void signedInPagesEscapeApiStringsShowNoEditControlsToAViewerAndNeverTheKey() {
        String session = signIn();
        String version = given().cookie(SessionCookie.NAME, session)
                .get("/entities/acme/collections/registries/model/fraud/versions/v0").then().statusCode(200)
                .extract().body().asString();
        assertThat(version).contains("&lt;script&gt;window.xss=1&lt;/script&gt;&quot;&gt;&lt;img src=x")
                .doesNotContain("<script>window.xss").doesNotContain("<img src=x")
                .contains("production").doesNotContain("id=\"add-alias\"").doesNotContain(StubApi.KEY);
        assertThat(version).contains(">VIEWER<");
        String projectVersion = given().cookie(SessionCookie.NAME, session)
                .get("/entities/acme/collections/projects/fraud/fraud-model/versions/v0").then().statusCode(200)
                .extract().body().asString();
        assertThat(projectVersion).contains("&lt;script&gt;window.xss=1").doesNotContain("id=\"link\"");
    }

    @Test
    void aRunPageChartsEachMetricWithTheLocallyServedChartLibraryAndEscapesMetricNames() {
        String session = signIn();
        String page = given().cookie(SessionCookie.NAME, session).get("/entities/acme/projects/fraud/runs/r1").then()
                .statusCode(200).extract().body().asString();
        assertThat(page).contains("<script src=\"/webjars/chart.js/4.4.1/dist/chart.umd.js\" defer>")
                .contains("<script src=\"/console/run-charts.js\" defer>")
                .contains("data-metric=\"loss\" data-points=\"{&quot;steps&quot;:[0,1,2],&quot;values&quot;:[0.9,0.7,0.5]}\"")
                .contains("last 0.5 · min 0.5 · max 0.9 · 3 points")
                .contains("data-metric=\"&lt;script&gt;window.xss=1&lt;/script&gt;&quot;&gt;&lt;img src=x")
                .doesNotContain("<script>window.xss").doesNotContain("<img src=x");
        given().get("/webjars/chart.js/4.4.1/dist/chart.umd.js").then().statusCode(200)
                .body(containsString("Chart.js v4.4.1"));
        given().get("/console/run-charts.js").then().statusCode(200)
                .body(containsString("new Chart(canvas"));
        String empty = given().cookie(SessionCookie.NAME, session).get("/entities/acme/projects/fraud/runs/r2").then()
                .statusCode(200).extract().body().asString();
        assertThat(empty).contains("No history logged for this run yet.").doesNotContain("<canvas");
    }

    @Test
    void theApisErrorSentenceIsShownAfterARefusedChange() {
        String session = signIn();
        String token = csrf(given().cookie(SessionCookie.NAME, session).get("/entities").body().asString());
        given().cookie(SessionCookie.NAME, session).header("X-CSRF-Token", token).header("HX-Request", "true")
                .formParam("name", "acme").post("/entities")
                .then().statusCode(200).header("HX-Redirect", "/entities");
        String after = given().cookie(SessionCookie.NAME, session).get("/entities").body().asString();
        assertThat(after).contains("Entity &#39;acme&#39; already exists. (field: name)");
    }

    @Test
    void signOutEndsTheSession() {
        String session = signIn();
        String token = csrf(given().cookie(SessionCookie.NAME, session).get("/entities").body().asString());
        given().cookie(SessionCookie.NAME, session).header("X-CSRF-Token", token).redirects().follow(false)
                .post("/sign-out").then().statusCode(303);
        given().cookie(SessionCookie.NAME, session).redirects().follow(false).get("/entities").then().statusCode(303);
    }

    private static String signIn() {
        return ConsoleSessions.signIn();
    }

    private static String csrf(String html) {
        return ConsoleSessions.csrf(html);
    }
}
