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

    @Override
    protected String service() {
        return "action-service";
    }

    @Override
    protected String apiKey() {
        return RegistryDouble.ADMIN_KEY;
    }

    @Override
    protected String endpoint() {
        return "/api/v1/entities/acme/integrations/ci/test";
    }
}
