package ai.automations.registry.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import ai.automations.common.testing.RealInfrastructure;
import ai.automations.registry.support.Api;
import ai.automations.registry.support.Db;
import ai.automations.registry.support.SecretsDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Webhook and Slack integrations, their secret checks against secrets-service, and the internal endpoints. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecretsDouble.class)
class IntegrationTest {

    private static final String ACTION_TOKEN = "local-action-service-token";

    private final Api admin = Api.admin();

    @Test
    void aWebhookNamesItsSecretsWhichMustExistInTheSameEntity() {
        String e = admin.entity("hooks");
        String other = admin.entity("other");
        SecretsDouble.secretExists(e, "CI_TOKEN");
        SecretsDouble.secretExists(other, "SIGNING_KEY");
        String base = "/api/v1/entities/" + e + "/integrations";
        Map<String, Object> body = new HashMap<>(Map.of("kind", "webhook", "name", "ci deploy",
                "url", "https://ci.example.test/hook", "accessTokenSecret", "CI_TOKEN",
                "signingSecret", "SIGNING_KEY"));

        admin.post(base, body).statusCode(422).body("error", equalTo("UNPROCESSABLE"))
                .body("field", equalTo("signingSecret")).body("message", containsString("SIGNING_KEY"));
        assertThat(Db.count("SELECT count(*) FROM integrations WHERE name = 'ci deploy'")).isZero();

        SecretsDouble.secretExists(e, "SIGNING_KEY");
        admin.post(base, body).statusCode(201).body("name", equalTo("ci deploy")).body("kind", equalTo("webhook"))
                .body("accessTokenSecret", equalTo("CI_TOKEN")).body("disabled", equalTo(false));
        SecretsDouble.server().verify(getRequestedFor(urlEqualTo("/internal/v1/entities/" + e + "/secrets/CI_TOKEN"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + SecretsDouble.REGISTRY_TOKEN)));
        admin.post(base, body).statusCode(409).body("field", equalTo("name"));
        admin.get(base).statusCode(200).body("name", contains("ci deploy"));
        admin.get(base + "/ci deploy").statusCode(200).body("url", equalTo("https://ci.example.test/hook"));
        admin.get(base + "/nope").statusCode(404);
    }

    @Test
    void whenSecretsServiceCannotAnswerNothingIsStored() {
        String e = admin.entity("nosecrets");
        SecretsDouble.server().stubFor(WireMock.get(urlEqualTo("/internal/v1/entities/" + e + "/secrets/TOKEN"))
                .atPriority(1).willReturn(WireMock.aResponse().withStatus(500)));
        admin.post("/api/v1/entities/" + e + "/integrations", Map.of("kind", "webhook", "name", "ci",
                "url", "http://h/", "accessTokenSecret", "TOKEN")).statusCode(503)
                .body("error", equalTo("UNAVAILABLE"));
        admin.get("/api/v1/entities/" + e + "/integrations").statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void slackHasTwoFormsAndEveryBadInputIsA400ThatStoresNothing() {
        String e = admin.entity("slack");
        SecretsDouble.secretExists(e, "SLACK_URL");
        SecretsDouble.secretExists(e, "BOT");
        String base = "/api/v1/entities/" + e + "/integrations";
        admin.post(base, Map.of("kind", "slack", "name", "alerts", "channel", "#ml", "webhookUrlSecret", "SLACK_URL"))
                .statusCode(201).body("channel", equalTo("#ml")).body("url", nullValue());
        admin.post(base, Map.of("kind", "slack", "name", "bot", "channel", "#ml", "botTokenSecret", "BOT",
                "apiBaseUrl", "http://127.0.0.1:9/slack")).statusCode(201).body("apiBaseUrl",
                        equalTo("http://127.0.0.1:9/slack"));

        bad(base, Map.of("name", "x", "url", "http://h/"), "kind");
        bad(base, Map.of("kind", "email", "name", "x"), "kind");
        bad(base, Map.of("kind", "webhook", "url", "http://h/"), "name");
        bad(base, Map.of("kind", "webhook", "name", "  spaced", "url", "http://h/"), "name");
        bad(base, Map.of("kind", "webhook", "name", "x".repeat(65), "url", "http://h/"), "name");
        bad(base, Map.of("kind", "webhook", "name", "x"), "url");
        bad(base, Map.of("kind", "webhook", "name", "x", "url", "ftp://h/"), "url");
        bad(base, Map.of("kind", "webhook", "name", "x", "url", "not a url"), "url");
        bad(base, Map.of("kind", "webhook", "name", "x", "url", "http://h/", "accessTokenSecret", "1BAD"),
                "accessTokenSecret");
        bad(base, Map.of("kind", "webhook", "name", "x", "url", "http://h/", "channel", "#c"), "channel");
        bad(base, Map.of("kind", "slack", "name", "x", "webhookUrlSecret", "SLACK_URL"), "channel");
        bad(base, Map.of("kind", "slack", "name", "x", "channel", "#c"), "webhookUrlSecret");
        bad(base, Map.of("kind", "slack", "name", "x", "channel", "#c", "webhookUrlSecret", "SLACK_URL",
                "botTokenSecret", "BOT"), "botTokenSecret");
        bad(base, Map.of("kind", "slack", "name", "x", "channel", "#c", "webhookUrlSecret", "SLACK_URL",
                "apiBaseUrl", "http://h/"), "apiBaseUrl");
        bad(base, Map.of("kind", "slack", "name", "x", "channel", "#c", "url", "http://h/",
                "webhookUrlSecret", "SLACK_URL"), "url");
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).contentType(ContentType.JSON).body("{not json")
                .post(base).then().statusCode(400).body("error", equalTo("BAD_REQUEST"));
        admin.get(base).body("name", contains("alerts", "bot"));
    }

    @Test
    void anIntegrationInUseCannotBeDeleted() {
        String e = admin.entity("inuse");
        String base = "/api/v1/entities/" + e;
        admin.post(base + "/integrations", Map.of("kind", "webhook", "name", "ci", "url", "http://h/"))
                .statusCode(201);
        String id = admin.post(base + "/automations", Map.of("name", "deploy", "scope", Map.of("type", "ENTITY"),
                "event", Map.of("type", "ADD_ARTIFACT_ALIAS", "filter", Map.of("aliasRegex", "^prod$")),
                "action", Map.of("type", "GENERIC_WEBHOOK", "integration", "ci"))).statusCode(201)
                .extract().path("id");
        admin.delete(base + "/integrations/ci").statusCode(409).body("message", containsString("deploy"));
        SecretsDouble.secretExists(e, "S");
        admin.put(base + "/integrations/ci", Map.of("kind", "slack", "channel", "#c", "webhookUrlSecret", "S"))
                .statusCode(409);
        admin.get(base + "/integrations/ci").statusCode(200).body("kind", equalTo("webhook"));
        admin.delete(base + "/automations/" + id).statusCode(204);
        admin.delete(base + "/integrations/ci").statusCode(204);
        admin.get(base + "/integrations/ci").statusCode(404);
    }

    @Test
    void internalEndpointsServeDescriptorsDisableAndSecretReferences() {
        String e = admin.entity("internal");
        SecretsDouble.secretExists(e, "TOKEN");
        String base = "/api/v1/entities/" + e + "/integrations";
        admin.post(base, Map.of("kind", "webhook", "name", "ci", "url", "http://h/", "accessTokenSecret", "TOKEN"))
                .statusCode(201);
        admin.post(base, Map.of("kind", "webhook", "name", "plain", "url", "http://h/")).statusCode(201);
        String internal = "/internal/v1/entities/" + e;

        given().get(internal + "/integrations/ci").then().statusCode(401);
        given().header("Authorization", "Bearer " + Api.ADMIN_KEY).get(internal + "/integrations/ci").then()
                .statusCode(401);
        service().get(internal + "/integrations/ci").then().statusCode(200).body("entity", equalTo(e))
                .body("name", equalTo("ci")).body("kind", equalTo("webhook")).body("url", equalTo("http://h/"))
                .body("accessTokenSecret", equalTo("TOKEN")).body("disabled", equalTo(false));
        service().get(internal + "/integrations/nope").then().statusCode(404);
        service().get(internal + "/secret-references/TOKEN").then().statusCode(200)
                .body("integrations", contains("ci"));
        service().get(internal + "/secret-references/OTHER").then().statusCode(200)
                .body("integrations.size()", equalTo(0));

        service().contentType(ContentType.JSON).body(Map.of("reason", "HTTP 410 from http://h/"))
                .post(internal + "/integrations/ci/disable").then().statusCode(204);
        service().get(internal + "/integrations/ci").then().body("disabled", equalTo(true))
                .body("disabledReason", equalTo("HTTP 410 from http://h/"));
        admin.put(base + "/ci", Map.of("kind", "webhook", "url", "http://h2/", "accessTokenSecret", "TOKEN"))
                .statusCode(200).body("disabled", equalTo(false)).body("url", equalTo("http://h2/"));
        admin.put(base + "/ci", Map.of("kind", "webhook", "name", "renamed", "url", "http://h2/")).statusCode(400);
    }

    /** {@code signatureFormat}: standard-webhooks by default, wandb on request, anything else refused, webhooks only. */
    @Test
    void aWebhookChoosesItsSignatureFormatAndActionServiceSeesIt() {
        String e = admin.entity("signatures");
        String base = "/api/v1/entities/" + e + "/integrations";
        admin.post(base, Map.of("kind", "webhook", "name", "std", "url", "http://h/")).statusCode(201)
                .body("signatureFormat", equalTo("standard-webhooks"));
        admin.post(base, Map.of("kind", "webhook", "name", "wb", "url", "http://h/", "signatureFormat", "wandb"))
                .statusCode(201).body("signatureFormat", equalTo("wandb"));
        service().get("/internal/v1/entities/" + e + "/integrations/wb").then().statusCode(200)
                .body("signatureFormat", equalTo("wandb"));
        admin.put(base + "/wb", Map.of("kind", "webhook", "url", "http://h/", "signatureFormat", "standard-webhooks"))
                .statusCode(200).body("signatureFormat", equalTo("standard-webhooks"));

        bad(base, Map.of("kind", "webhook", "name", "hmac", "url", "http://h/", "signatureFormat", "hmac-sha1"),
                "signatureFormat");
        bad(base, Map.of("kind", "webhook", "name", "upper", "url", "http://h/", "signatureFormat", "WANDB"),
                "signatureFormat");
        SecretsDouble.secretExists(e, "SLACK_URL");
        bad(base, Map.of("kind", "slack", "name", "chat", "channel", "#ml", "webhookUrlSecret", "SLACK_URL",
                "signatureFormat", "wandb"), "signatureFormat");
        admin.put(base + "/std", Map.of("kind", "webhook", "url", "http://h/", "signatureFormat", "x")).statusCode(400)
                .body("field", equalTo("signatureFormat"));
        admin.get(base + "/std").statusCode(200).body("signatureFormat", equalTo("standard-webhooks"));
        assertThat(Db.count("SELECT count(*) FROM integrations i JOIN entities e ON e.id = i.entity_id WHERE e.name = '"
                + e + "'")).isEqualTo(2);
    }

    private static io.restassured.specification.RequestSpecification service() {
        return given().header("Authorization", "Bearer " + ACTION_TOKEN);
    }

    private void bad(String path, Map<String, Object> body, String field) {
        admin.post(path, body).statusCode(400).body("error", equalTo("BAD_REQUEST")).body("field", equalTo(field));
    }
}
