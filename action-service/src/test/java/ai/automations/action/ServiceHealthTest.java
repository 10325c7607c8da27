package ai.automations.action;

import ai.automations.action.testing.SecretsDouble;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.ServiceHealthContract;
import ai.automations.common.testing.RegistryDouble;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
@WithTestResource(SecretsDouble.class)
/** Health, the API's front door and a known key, as every service checks them (against the doubles). */
class ServiceHealthTest extends ServiceHealthContract {
}
