package ai.automations.trigger.definition;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import ai.automations.common.automation.DefinitionsReader;

/**
 * Not ready until every automation definition published before start has been read. Also shows how the reading goes:
 * failures since it last caught up with the topic (the reader then reads it again from the beginning, while the
 * definitions already known stay in force) and the last failure.
 */
@Readiness
@ApplicationScoped
public class DefinitionsReadiness implements HealthCheck {

    private final AutomationCatalog catalog;
    private final DefinitionsFollower follower;

    public DefinitionsReadiness(AutomationCatalog catalog, DefinitionsFollower follower) {
        this.catalog = catalog;
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        DefinitionsReader.Status reading = follower.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("automation-definitions")
                .status(catalog.isReady()).withData("automations", catalog.size())
                .withData("active", catalog.index().size()).withData("reader-failures", reading.failures());
        if (reading.lastFailure() != null) {
            response.withData("reader-last-failure", reading.lastFailure());
        }
        return response.build();
    }
}
