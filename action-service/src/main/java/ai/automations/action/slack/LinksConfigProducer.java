package ai.automations.action.slack;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads {@code automations.public-url} and {@code automations.console-url} into a {@link LinksConfig}. */
@ApplicationScoped
public class LinksConfigProducer {

    @Produces
    @ApplicationScoped
    LinksConfig links(@ConfigProperty(name = "automations.public-url", defaultValue = "http://localhost:8083")
            String publicUrl, @ConfigProperty(name = "automations.console-url") Optional<String> consoleUrl) {
        return new LinksConfig() {
            @Override
            public String publicUrl() {
                return publicUrl;
            }

            @Override
            public Optional<String> consoleUrl() {
                return consoleUrl;
            }
        };
    }
}
