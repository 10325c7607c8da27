package ai.automations.console.health;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import ai.automations.console.proxy.UpstreamCalls;
import ai.automations.console.proxy.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The console is ready only when every service behind it answers its liveness check: a front door to a service that
 * cannot be reached would only hand out 502s.
 */
@Readiness
@Singleton
public class UpstreamsReadiness implements AsyncHealthCheck {

    private final UpstreamCalls calls;
    private final Upstreams upstreams;

    public UpstreamsReadiness(UpstreamCalls calls, Upstreams upstreams) {
        this.calls = calls;
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<String>> checks = upstreams.all().keySet().stream()
                .map(service -> calls.get(service, "/q/health/live")
                        .map(ok -> service + ":UP")
                        .onFailure().recoverWithItem(failure -> service + ":DOWN"))
                .toList();
        return Uni.join().all(checks).andFailFast().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("services behind the front door").up();
            for (String result : results) {
                String[] serviceAndState = result.split(":");
                response.withData(serviceAndState[0], upstreams.of(serviceAndState[0]) + " " + serviceAndState[1]);
                if (serviceAndState[1].equals("DOWN")) {
                    response.down();
                }
            }
            return response.build();
        });
    }
}
