package ai.automations.action.outbound;

import java.net.InetAddress;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.util.NetUtil;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Resolves host names with the JVM's resolver on a worker thread (it blocks). An IP address literal needs no lookup:
 * it is read in place, sparing the delivery a hop to a worker thread and back.
 */
@DefaultBean
@ApplicationScoped
public class SystemHostResolver implements HostResolver {

    @Override
    public Uni<List<InetAddress>> resolve(String host) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return Uni.createFrom().item(List.of(InetAddress.getByAddress(host, literal)));
            } catch (java.net.UnknownHostException e) {
                return Uni.createFrom().failure(new UnresolvableHostException(host));
            }
        }
        return Uni.createFrom().item(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (java.net.UnknownHostException e) {
                throw new UnresolvableHostException(host);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The name does not resolve (now); worth retrying later. */
    public static class UnresolvableHostException extends RuntimeException {
        public UnresolvableHostException(String host) {
            super("host '" + host + "' does not resolve", null, false, false);
        }
    }
}
