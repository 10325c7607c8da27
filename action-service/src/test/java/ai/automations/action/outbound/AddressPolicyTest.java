package ai.automations.action.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false, false);
    private final AddressPolicy permissive = new AddressPolicy(true, true);

    private static InetAddress at(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : new String[] { "93.184.216.34", "8.8.8.8", "2606:4700::6810:85e5", "172.32.0.1", "100.128.0.1" }) {
            assertThat(strict.refusal(at(address))).as(address).isEmpty();
        }
    }

    @Test
    void loopbackAndUnspecifiedAreRefusedUnlessAllowed() throws Exception {
        for (String address : new String[] { "127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "0.1.2.3" }) {
            assertThat(strict.refusal(at(address))).as(address).contains("a loopback address");
            assertThat(new AddressPolicy(true, false).refusal(at(address))).as(address).isEmpty();
        }
    }

    @Test
    void privateLinkLocalAndUniqueLocalAreRefusedUnlessAllowed() throws Exception {
        for (String address : new String[] { "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.1.1",
                "100.64.0.1", "fe80::1", "fd12:3456::1", "fc00::1", "198.18.0.1", "240.0.0.1" }) {
            assertThat(strict.refusal(at(address))).as(address).contains("a private or link-local address");
            assertThat(new AddressPolicy(false, true).refusal(at(address))).as(address).isEmpty();
        }
    }

    @Test
    void metadataAddressesAreAlwaysRefused() throws Exception {
        for (String address : new String[] { "169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200",
                "::ffff:169.254.169.254" }) {
            assertThat(permissive.refusal(at(address))).as(address).contains("a cloud metadata address");
        }
    }

    @Test
    void ipv4HiddenInIpv6IsJudgedAsIpv4() throws Exception {
        for (String address : new String[] { "::ffff:10.0.0.1", "::10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::", "::ffff:127.0.0.1" }) {
            assertThat(strict.refusal(at(address))).as(address).isPresent();
        }
        assertThat(strict.refusal(at("64:ff9b::808:808"))).isEmpty();
    }

    @Test
    void multicastAndBroadcastAreAlwaysRefused() throws Exception {
        assertThat(permissive.refusal(at("224.0.0.1"))).isPresent();
        assertThat(permissive.refusal(at("255.255.255.255"))).isPresent();
        assertThat(permissive.refusal(at("ff02::1"))).isPresent();
    }
}
