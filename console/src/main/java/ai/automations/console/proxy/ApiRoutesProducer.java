package ai.automations.console.proxy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the shared routing table a bean. */
public class ApiRoutesProducer {

    @Produces
    @Singleton
    ApiRoutes apiRoutes() {
        return ApiRoutes.fromClasspath();
    }
}
