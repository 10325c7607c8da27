package ai.automations.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides, as Kubernetes does, whether the rendered NetworkPolicies let a connection through: a pod selected by some
 * policy of a direction only accepts what one of those policies allows; ports named in a rule are matched by number
 * or by the container port's name.
 */
final class NetworkPolicies {

    /** Somewhere a connection comes from or goes to. */
    record Endpoint(String namespace, Map<String, String> labels, Map<String, String> namespaceLabels, String ip) {

        static Endpoint pod(String namespace, Map<String, String> labels) {
            return new Endpoint(namespace, labels, Map.of("kubernetes.io/metadata.name", namespace), null);
        }

        static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }
    }

    private final List<NetworkPolicy> policies;
    private final String namespace;

    NetworkPolicies(Manifests manifests, String namespace) {
        this.policies = manifests.of(NetworkPolicy.class);
        this.namespace = namespace;
    }

    static Endpoint podOf(Deployment deployment) {
        return Endpoint.pod(Chart.NAMESPACE, deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    /** May {@code from} open a connection to port {@code port} (named {@code portName}) of pod {@code to}? */
    boolean allows(Endpoint from, Endpoint to, int port, String portName) {
        return egressAllowed(from, to, port, portName) && ingressAllowed(from, to, port, portName);
    }

    boolean ingressAllowed(Endpoint from, Endpoint to, int port, String portName) {
        if (to.ip() != null) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portsMatch(rule.getPorts(), port, portName) && peersMatch(rule.getFrom(), from));
    }

    boolean egressAllowed(Endpoint from, Endpoint to, int port, String portName) {
        if (from.ip() != null) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portsMatch(rule.getPorts(), port, portName) && peersMatch(rule.getTo(), to));
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String direction) {
        return policies.stream()
                .filter(p -> namespace.equals(pod.namespace()))
                .filter(p -> Optional.ofNullable(p.getSpec().getPolicyTypes()).orElse(List.of("Ingress")).contains(direction))
                .filter(p -> selects(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port, String portName) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            if (p.getProtocol() != null && !"TCP".equals(p.getProtocol())) {
                return false;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            return value.getIntVal() != null ? value.getIntVal() == port : value.getStrVal().equals(portName);
        });
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint endpoint) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, endpoint));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return endpoint.ip() != null && inBlock(peer.getIpBlock(), endpoint.ip());
        }
        if (endpoint.ip() != null) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? namespace.equals(endpoint.namespace())
                : selects(peer.getNamespaceSelector(), endpoint.namespaceLabels());
        boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), endpoint.labels());
        return namespaceMatches && podMatches;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions are not evaluated here");
        }
        Map<String, String> match = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
        return labels.entrySet().containsAll(match.entrySet());
    }

    private static boolean inBlock(IPBlock block, String ip) {
        return inCidr(block.getCidr(), ip)
                && Optional.ofNullable(block.getExcept()).orElse(List.of()).stream().noneMatch(e -> inCidr(e, ip));
    }

    static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
