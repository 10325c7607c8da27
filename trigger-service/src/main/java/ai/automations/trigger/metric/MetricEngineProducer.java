package ai.automations.trigger.metric;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import ai.automations.trigger.TriggerConfig;

/** The engine is plain Java (benchmarked without Quarkus); this makes it a bean. */
public class MetricEngineProducer {

    @Produces
    @ApplicationScoped
    MetricEngine engine(TriggerConfig config) {
        return new MetricEngine(config.cooldown().toMillis());
    }
}
