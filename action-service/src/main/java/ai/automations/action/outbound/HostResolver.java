package ai.automations.action.outbound;

import java.net.InetAddress;
import java.util.List;

import io.smallrye.mutiny.Uni;

/** Turns a host name into the addresses an outbound call may connect to (each is then checked by {@link AddressPolicy}). */
public interface HostResolver {
    Uni<List<InetAddress>> resolve(String host);
}
