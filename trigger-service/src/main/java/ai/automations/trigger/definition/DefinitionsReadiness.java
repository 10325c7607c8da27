package ai.automations.trigger.definition;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every automation definition published before start has been read. */
@Readiness
@ApplicationScoped
public class DefinitionsReadiness implements HealthCheck {

    private final AutomationCatalog catalog;

    public DefinitionsReadiness(AutomationCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("automation-definitions").status(catalog.isReady())
                .withData("automations", catalog.size()).withData("active", catalog.index().size()).build();
    }
}
