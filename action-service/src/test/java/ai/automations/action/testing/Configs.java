package ai.automations.action.testing;

import java.time.Duration;
import java.util.Map;

import ai.automations.action.delivery.DeliveryConfig;
import ai.automations.action.outbound.OutboundConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Configuration mappings for unit tests that run without Quarkus: defaults plus the given values. */
public final class Configs {

    private Configs() {
    }

    public static DeliveryConfig delivery(Map<String, String> values) {
        return mapping(DeliveryConfig.class, values);
    }

    public static OutboundConfig outbound(Map<String, String> values) {
        return mapping(OutboundConfig.class, values);
    }

    private static <T> T mapping(Class<T> type, Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(type)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(Map.of("quarkus.application.version", "test"))
                .withDefaultValues(values)
                .build();
        return config.getConfigMapping(type);
    }
}
