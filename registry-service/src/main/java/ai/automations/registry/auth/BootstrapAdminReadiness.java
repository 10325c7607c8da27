package ai.automations.registry.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the bootstrap admin holds its configured key: start-up itself does not wait for it. */
@Readiness
@ApplicationScoped
public class BootstrapAdminReadiness implements HealthCheck {

    private final BootstrapAdmin bootstrap;

    public BootstrapAdminReadiness(BootstrapAdmin bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("bootstrap-admin").status(bootstrap.isDone()).build();
    }
}
