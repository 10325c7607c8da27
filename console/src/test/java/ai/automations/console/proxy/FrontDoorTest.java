package ai.automations.console.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import ai.automations.console.FakeServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The front door against four stand-in services: routing, and what passes through unchanged. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class FrontDoorTest {

    @Test
    void eachCallReachesTheServiceThatOwnsItsPath() {
        assertThat(serviceOf("/api/v1/entities/acme/automations/a1")).isEqualTo("registry");
        assertThat(serviceOf("/api/v1/entities/acme/automations/a1/dry-run")).isEqualTo("trigger");
        assertThat(serviceOf("/api/v1/events")).isEqualTo("trigger");
        assertThat(serviceOf("/api/v1/entities/acme/automations/a1/executions")).isEqualTo("action");
        assertThat(serviceOf("/api/v1/entities/acme/integrations/ci/test")).isEqualTo("action");
        assertThat(serviceOf("/api/v1/entities/acme/secrets/TOKEN")).isEqualTo("secrets");
    }

    @Test
    void methodUriHeadersStatusAndBodyPassThroughUnchanged() {
        given().urlEncodingEnabled(false).header("Authorization", "Bearer key-1").contentType("application/json")
                .body("{\"name\":\"acme\"}")
                .when().put("/api/v1/entities/acme/secrets/TOKEN?status=201&x=a%2Fb")
                .then().statusCode(201)
                .header("X-Next-Cursor", "cursor-secrets")
                .header("Location", "/api/v1/things/secrets")
                .body("method", equalTo("PUT"))
                .body("uri", equalTo("/api/v1/entities/acme/secrets/TOKEN?status=201&x=a%2Fb"))
                .body("authorization", equalTo("Bearer key-1"))
                .body("contentType", containsString("application/json"))
                .body("body", equalTo("{\"name\":\"acme\"}"));
    }

    @Test
    void errorStatusesOfAServiceReachTheCaller() {
        given().when().delete("/api/v1/executions/e1?status=409").then().statusCode(409).body("service", equalTo("action"));
    }

    @Test
    void largeBodiesPassBothWays() {
        byte[] upload = new byte[5 * 1024 * 1024];
        Arrays.fill(upload, (byte) 'a');
        given().contentType("application/octet-stream").body(upload)
                .when().post("/api/v1/entities/acme/projects/p1/runs/r1/history")
                .then().statusCode(200).body("service", equalTo("registry")).body("bodyBytes", equalTo(upload.length));

        long size = 64L * 1024 * 1024 + 7;
        Response download = given().when().get("/api/v1/entities/acme/projects/p1/large?bytes=" + size);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.asByteArray()).hasSize((int) size);
    }

    @Test
    void unknownApiPathsAreAJsonNotFoundAndNeverReachAService() {
        given().when().get("/api/v2/events")
                .then().statusCode(404)
                .contentType("application/json")
                .body("error", equalTo("NOT_FOUND"))
                .body("service", nullValue());
    }

    @Test
    void internalEndpointsOfTheServicesAreNotExposed() {
        given().header("Authorization", "Bearer key-1").when().get("/internal/v1/auth/introspect")
                .then().statusCode(404).body(org.hamcrest.Matchers.not(containsString("registry")));
    }

    @Test
    void callsAreCountedByServiceRouteAndStatus() {
        given().when().get("/api/v1/events?status=202").then().statusCode(202);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "automations_console_proxy_requests_seconds_count\\{[^}]*route=\"/api/v1/events\\(/\\|\\$\\)\""
                        + "[^}]*service=\"trigger\"[^}]*status=\"202\"[^}]*} [1-9]");
    }

    @Test
    void readyWhenEveryServiceIsLive() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String serviceOf(String path) {
        return given().header("Authorization", "Bearer k").when().get(path)
                .then().statusCode(200).extract().path("service");
    }
}
