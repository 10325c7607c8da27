package ai.automations.console.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import ai.automations.console.FakeServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** One OpenAPI document for the four services, and the bundled Swagger UI that shows it. */
@QuarkusTest
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class OpenApiResourceTest {

    @Test
    void mergesThePublicPathsAndComponentsOfEveryService() {
        given().when().get("/openapi").then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("automations API"))
                .body("paths", hasKey("/api/v1/entities/{entity}/automations/{id}"))
                .body("paths", hasKey("/api/v1/entities/{entity}/automations/{id}/dry-run"))
                .body("paths", hasKey("/api/v1/executions/{id}"))
                .body("paths", hasKey("/api/v1/entities/{entity}/secrets"))
                .body("paths", not(hasKey("/internal/v1/registry")))
                .body("components.schemas", hasKey("registryThing"))
                .body("components.schemas", hasKey("secretsThing"))
                .body("components.schemas", hasKey("ApiError"));
    }

    @Test
    void swaggerUiIsServedLocallyAndPointsAtTheMergedDocument() {
        given().when().get("/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"))
                .body(not(containsString("https://")));
        given().when().get("/swagger-ui/index.html").then().statusCode(200);
    }
}
