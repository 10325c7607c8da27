package ai.automations.trigger.definition;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.DefinitionsReader;
import ai.automations.trigger.TriggerMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Keeps the {@link AutomationCatalog} in step with the compacted {@code automation.definitions} topic: the catalog
 * becomes ready once the topic has been read up to where it ended at start, then follows its updates.
 */
@ApplicationScoped
public class DefinitionsFollower implements DefinitionsReader.Listener {

    private final AutomationCatalog catalog;
    private final TriggerMetrics metrics;
    private final DefinitionsReader reader;

    public DefinitionsFollower(AutomationCatalog catalog, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ObjectMapper mapper, TriggerMetrics metrics) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.reader = new DefinitionsReader("trigger-definitions", kafkaConfig, mapper, this);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /** How the reading of the definitions topic goes, for the readiness check. */
    public DefinitionsReader.Status status() {
        return reader.status();
    }

    @Override
    public void caughtUp(Map<String, AutomationDefinition> all) {
        catalog.replaceAll(all);
        catalog.markReady();
    }

    @Override
    public void changed(Map<String, AutomationDefinition> changes) {
        catalog.apply(changes);
    }

    @Override
    public void failed() {
        metrics.definitionFailure();
    }
}
