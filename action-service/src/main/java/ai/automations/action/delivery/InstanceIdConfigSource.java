package ai.automations.action.delivery;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every running instance a unique {@code automations.instance-id} unless configuration sets one: it names the
 * instance's leases on executions and its own consumer group for secret-change notices, which every instance must
 * see.
 */
public class InstanceIdConfigSource implements ConfigSource {

    public static final String PROPERTY = "automations.instance-id";

    private static final String GENERATED = "action-" + UUID.randomUUID().toString().substring(0, 13);

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, GENERATED);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? GENERATED : null;
    }

    @Override
    public String getName() {
        return "automations-instance-id";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
