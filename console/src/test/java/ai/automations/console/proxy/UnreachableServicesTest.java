package ai.automations.console.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no service listening behind it, the front door answers in the API's error format and is not ready. */
@QuarkusTest
@TestProfile(UnreachableServicesTest.NothingListens.class)
class UnreachableServicesTest {

    @Test
    void aCallToAServiceThatIsDownIsABadGatewayInTheErrorFormat() {
        given().header("Authorization", "Bearer k").when().get("/api/v1/entities/acme/secrets")
                .then().statusCode(502)
                .contentType("application/json")
                .body("error", equalTo("BAD_GATEWAY"))
                .body("message", equalTo("secrets-service is not reachable; try again later."));
    }

    @Test
    void notReadyWhileTheServicesAreDown() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void theMergedDocumentNamesTheServicesItCouldNotReach() {
        given().when().get("/openapi").then().statusCode(200)
                .body("info.x-unavailable-services.size()", equalTo(4))
                .body("", hasKey("paths"));
    }

    /** Every service URL points at a port nobody listens on. */
    public static class NothingListens implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = "http://127.0.0.1:" + closedPort();
            return Map.of(
                    "automations.console.services.registry", closed,
                    "automations.console.services.trigger", closed,
                    "automations.console.services.action", closed,
                    "automations.console.services.secrets", closed,
                    "automations.console.upstream.connect-timeout", "2s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
