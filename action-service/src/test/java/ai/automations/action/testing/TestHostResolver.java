package ai.automations.action.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import ai.automations.action.outbound.HostResolver;
import ai.automations.action.outbound.SystemHostResolver;
import io.smallrye.mutiny.Uni;

/**
 * Lets tests decide what names under {@code .ssrf.test} resolve to (there is no DNS here), so that a host name
 * resolving to a private address can be tried; every other name goes to the JVM's resolver.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestHostResolver implements HostResolver {

    public static final String SUFFIX = ".ssrf.test";
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    public static void map(String host, String address) {
        NAMES.put(host, address);
    }

    private final SystemHostResolver system = new SystemHostResolver();

    @Override
    public Uni<List<InetAddress>> resolve(String host) {
        if (host.endsWith(SUFFIX)) {
            String address = NAMES.get(host);
            if (address == null) {
                return Uni.createFrom().failure(new SystemHostResolver.UnresolvableHostException(host));
            }
            try {
                return Uni.createFrom().item(List.of(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())));
            } catch (UnknownHostException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return system.resolve(host);
    }
}
