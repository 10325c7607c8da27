package ai.automations.trigger;

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

    @Override
    protected String service() {
        return "trigger-service";
    }

    @Override
    protected String apiKey() {
        return RegistryDouble.ADMIN_KEY;
    }

    @Override
    protected String endpoint() {
        return "/api/v1/entities/acme/automations/00000000-0000-0000-0000-000000000000/dry-run";
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        badRequest("{\"event\": [1]}")
                .body("field", equalTo("event"))
                .body("message", equalTo("'event' must be a JSON object."));
    }
}
