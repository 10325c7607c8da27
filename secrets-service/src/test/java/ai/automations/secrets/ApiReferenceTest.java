package ai.automations.secrets;

import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import ai.automations.common.testing.ApiReferenceContract;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/api.md and the error answers to unreadable bodies, against this service. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class ApiReferenceTest extends ApiReferenceContract {

    ApiReferenceTest() {
        super("secrets-service", RegistryDouble.ADMIN_KEY,
                "/api/v1/entities/acme/secrets");
    }

    @Test
    void anArrayBodyIsNotTheObjectExpected() {
        badRequest("[{\"name\": \"x\"}]").body("message", equalTo("The request body must be a JSON object."));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        badRequest("{\"name\": [\"A\"], \"value\": \"v\"}")
                .body("field", equalTo("name"))
                .body("message", equalTo("'name' must be a string."));
    }
}
