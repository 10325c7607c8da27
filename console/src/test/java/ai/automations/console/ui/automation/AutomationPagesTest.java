package ai.automations.console.ui.automation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.console.ui.web.ConsoleSessions;
import ai.automations.console.ui.web.SessionCookie;
import ai.automations.console.ui.web.StubApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The automation form against a stand-in API: an edit sends back every field the stored automation holds (rate limit,
 * {@code where}, fields the console does not know), and the API's refusal of a {@code where} node is shown next to
 * the where editor with what the user typed.
 */
@QuarkusTest
@QuarkusTestResource(value = StubApi.class, restrictToAnnotatedClass = true)
class AutomationPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHERE = Pattern.compile("<textarea id=\"a-where\"[^>]*>([^<]*)</textarea>");

    @Test
    void editingAnAutomationKeepsItsRateLimitItsWhereAndFieldsTheFormDoesNotShow() throws Exception {
        String session = ConsoleSessions.signIn();
        String page = given().cookie(SessionCookie.NAME, session).get("/entities/acme/automations/a1/edit").then()
                .statusCode(200).extract().body().asString();
        assertThat(page).containsPattern("id=\"a-rate-max\" name=\"rateLimitMax\"[^>]* value=\"10\"")
                .containsPattern("id=\"a-rate-per\" name=\"rateLimitPerSeconds\"[^>]* value=\"3600\"");
        String where = textOf(WHERE, page);
        JsonNode stored = JSON.readTree(StubApi.AUTOMATION);
        assertThat(JSON.readTree(where)).isEqualTo(stored.at("/event/filter/where"));

        Response saved = given().cookie(SessionCookie.NAME, session)
                .header("X-CSRF-Token", ConsoleSessions.csrf(page)).header("HX-Request", "true")
                .formParams(Map.of("name", "gated-deploy", "enabled", "true", "scopeType", "REGISTRY",
                        "registry", "model", "eventType", "LINK_ARTIFACT", "where", where, "rateLimitMax", "10",
                        "rateLimitPerSeconds", "3600", "actionType", "NO_OP"))
                .post("/entities/acme/automations/a1");
        assertThat(saved.header("HX-Redirect")).isEqualTo("/entities/acme/automations");

        JsonNode put = JSON.readTree(given().get(stub() + StubApi.LAST_PUT).body().asString());
        assertThat(put.get("rateLimit")).isEqualTo(stored.get("rateLimit"));
        assertThat(put.at("/event/filter/where")).isEqualTo(stored.at("/event/filter/where"));
        assertThat(put.get("futureField")).isEqualTo(stored.get("futureField"));
        assertThat(put.get("scope")).isEqualTo(stored.get("scope"));
        assertThat(put.has("id") || put.has("createdBy") || put.has("createdAt")).as("read-only fields: %s", put)
                .isFalse();
    }

    @Test
    void aWhereTheApiRefusesIsShownNextToTheEditorNamingTheNodeAndKeepsWhatWasTyped() {
        String session = ConsoleSessions.signIn();
        String page = given().cookie(SessionCookie.NAME, session).get("/entities/acme/automations/a1/edit").body()
                .asString();
        String typed = "{\"$and\": [{\"alias\": {\"$regex\": \"(unclosed\"}}]}";
        Response answer = given().cookie(SessionCookie.NAME, session)
                .header("X-CSRF-Token", ConsoleSessions.csrf(page)).header("HX-Request", "true")
                .formParams(Map.of("name", "gated-deploy", "scopeType", "REGISTRY", "registry", "model",
                        "eventType", "LINK_ARTIFACT", "where", typed, "rateLimitMax", "5", "rateLimitPerSeconds", "60",
                        "actionType", "NO_OP"))
                .post("/entities/acme/automations/a1");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("HX-Redirect")).as("the form stays, nothing is saved").isNull();
        String refused = answer.body().asString();
        assertThat(refused).containsPattern("<p class=\"field-error full\" id=\"a-where-error\" role=\"alert\">"
                + "[^<]*\\(field: event\\.filter\\.where\\.\\$and\\[0\\]\\.alias\\.\\$regex\\)</p>")
                .containsPattern("<textarea id=\"a-where\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"a-rate-max\"[^>]* value=\"5\"");
        assertThat(textOf(WHERE, refused)).isEqualTo(typed);
    }

    @Test
    void aWhereThatIsNotJsonIsRefusedAtTheFieldBeforeAnyCall() {
        String session = ConsoleSessions.signIn();
        String page = given().cookie(SessionCookie.NAME, session).get("/entities/acme/automations/a1/edit").body()
                .asString();
        String before = given().get(stub() + StubApi.LAST_PUT).body().asString();
        String refused = given().cookie(SessionCookie.NAME, session)
                .header("X-CSRF-Token", ConsoleSessions.csrf(page)).header("HX-Request", "true")
                .formParams(Map.of("name", "gated-deploy", "scopeType", "REGISTRY", "registry", "model",
                        "eventType", "LINK_ARTIFACT", "where", "{\"alias\": ", "actionType", "NO_OP"))
                .post("/entities/acme/automations/a1").then().statusCode(200).extract().body().asString();
        assertThat(refused).containsPattern("id=\"a-where-error\"[^>]*>The where expression is not valid JSON");
        assertThat(given().get(stub() + StubApi.LAST_PUT).body().asString()).isEqualTo(before);
    }

    private static String stub() {
        return ConfigProvider.getConfig().getValue("automations.console.services.registry", String.class);
    }

    private static String textOf(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as("%s in the page", pattern).isTrue();
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
