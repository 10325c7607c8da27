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

    ApiReferenceTest() {
        super("trigger-service", RegistryDouble.ADMIN_KEY,
                "/api/v1/entities/acme/automations/00000000-0000-0000-0000-000000000000/dry-run");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        badRequest("/api/v1/events", """
                {"specversion": "1.0", "id": "e-1", "source": "test", "type": "ai.automations.ADD_ARTIFACT_ALIAS",
                 "data": {"entity": ["acme"], "project": "p", "collection": "c", "alias": "prod"}}""")
                .body("field", equalTo("data.entity"))
                .body("message", equalTo("'data.entity' must be a string."));
    }
}
