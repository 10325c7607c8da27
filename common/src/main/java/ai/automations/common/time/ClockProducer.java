package ai.automations.common.time;

import java.time.InstantSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock of every service. Code that needs the time injects {@link InstantSource}; tests that move time
 * replace this bean with an adjustable one instead of patching statics.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    InstantSource clock() {
        return InstantSource.system();
    }
}
