package ai.automations.action.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ai.automations.common.testing.RegistryDouble;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The execution history API as a user with the admin key sees it. */
public final class Api {

    private Api() {
    }

    public static Response history(String entity, String automationId) {
        return given().header("Authorization", "Bearer " + RegistryDouble.ADMIN_KEY)
                .get("/api/v1/entities/{entity}/automations/{id}/executions", entity, automationId);
    }

    public static List<Map<String, Object>> executions(String entity, String automationId) {
        Response response = history(entity, automationId);
        if (response.statusCode() != 200) {
            throw new AssertionError("history answered " + response.statusCode() + ": " + response.asString());
        }
        return response.jsonPath().getList("$");
    }

    /** The automation's only execution once it has reached {@code status}. */
    public static JsonPath awaitExecution(String entity, String automationId, String status) {
        return awaitExecution(entity, automationId, status, Await.DEFAULT);
    }

    public static JsonPath awaitExecution(String entity, String automationId, String status, Duration timeout) {
        return Await.value("an execution of " + automationId + " in status " + status, timeout, () -> {
            Response response = history(entity, automationId);
            if (response.statusCode() != 200) {
                return null;
            }
            JsonPath path = response.jsonPath();
            List<Object> list = path.getList("$");
            return list.size() == 1 && status.equals(path.getString("[0].status"))
                    ? JsonPath.from(Fixtures.write(path.getMap("[0]")))
                    : null;
        }, path -> true);
    }
}
