package ai.automations.action;

import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.testing.ApiReferenceContract;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/api.md and the error answers to unreadable bodies, against this service. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
class ApiReferenceTest extends ApiReferenceContract {

    ApiReferenceTest() {
        super("action-service", RegistryDouble.ADMIN_KEY,
                "/api/v1/entities/acme/integrations/ci/test");
    }
}
