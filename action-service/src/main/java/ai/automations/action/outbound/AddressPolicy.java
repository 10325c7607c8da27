package ai.automations.action.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Decides whether an outbound call may connect to an address, so that a webhook URL cannot reach into the network
 * action-service runs in (server-side request forgery). Loopback and private ranges are refused unless configuration
 * allows them; cloud metadata, multicast and unspecified addresses are always refused.
 */
@ApplicationScoped
public class AddressPolicy {

    private static final byte[][] METADATA = {
            bytes(169, 254, 169, 254), // AWS, GCP, Azure, OpenStack
            bytes(169, 254, 170, 2), // AWS ECS task metadata
            bytes(100, 100, 100, 200), // Alibaba Cloud
    };
    private static final byte[] AWS_METADATA_V6 = v6("fd00:ec2::254");

    private final boolean allowLoopback;
    private final boolean allowPrivate;

    @Inject
    public AddressPolicy(OutboundConfig config) {
        this(config.allowLoopback(), config.allowPrivateNetworks());
    }

    public AddressPolicy(boolean allowLoopback, boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    /** Why a connection to {@code address} is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        if (isMetadata(effective)) {
            return Optional.of("a cloud metadata address");
        }
        if (effective.isMulticastAddress() || isBroadcast(effective)) {
            return Optional.of("a multicast or broadcast address");
        }
        if (effective.isAnyLocalAddress() || isThisNetwork(effective) || effective.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (effective.isSiteLocalAddress() || effective.isLinkLocalAddress() || isUniqueLocal(effective)
                || isSharedAddressSpace(effective) || isReservedV4(effective)) {
            return allowPrivate ? Optional.empty() : Optional.of("a private or link-local address");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] raw = address.getAddress();
        for (byte[] metadata : METADATA) {
            if (Arrays.equals(raw, metadata)) {
                return true;
            }
        }
        return Arrays.equals(raw, AWS_METADATA_V6);
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && Arrays.equals(address.getAddress(), bytes(255, 255, 255, 255));
    }

    /** 0.0.0.0/8: "this network"; Linux connects 0.0.0.0 to the local host. */
    private static boolean isThisNetwork(InetAddress address) {
        return address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    /** fc00::/7, IPv6 unique local addresses (the IPv6 private ranges). */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT (often used for cluster-internal networks). */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] raw = address.getAddress();
        return address instanceof Inet4Address && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    }

    /** 192.0.0.0/24 (IETF protocol assignments), 198.18.0.0/15 (benchmarking) and 240.0.0.0/4 (reserved). */
    private static boolean isReservedV4(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] raw = address.getAddress();
        int a = raw[0] & 0xff;
        int b = raw[1] & 0xff;
        return (a == 192 && b == 0 && raw[2] == 0) || (a == 198 && (b & 0xfe) == 18) || a >= 240;
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] raw = address.getAddress();
        try {
            boolean compatible = allZero(raw, 0, 12) && !allZero(raw, 12, 16) && !(allZero(raw, 12, 15) && raw[15] == 1);
            boolean mapped = allZero(raw, 0, 10) && (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff;
            boolean nat64 = (raw[0] & 0xff) == 0x00 && (raw[1] & 0xff) == 0x64 && (raw[2] & 0xff) == 0xff
                    && (raw[3] & 0xff) == 0x9b && allZero(raw, 4, 12);
            if (compatible || mapped || nat64) {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16)));
            }
            if ((raw[0] & 0xff) == 0x20 && (raw[1] & 0xff) == 0x02) {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(raw, 2, 6)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int a, int b, int c, int d) {
        return new byte[] { (byte) a, (byte) b, (byte) c, (byte) d };
    }

    private static byte[] v6(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
