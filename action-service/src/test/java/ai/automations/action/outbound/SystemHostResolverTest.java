package ai.automations.action.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SystemHostResolverTest {

    private final SystemHostResolver resolver = new SystemHostResolver();

    @Test
    void anAddressLiteralIsReadInPlaceOnTheCallersThread() {
        for (String literal : List.of("127.0.0.1", "10.1.2.3", "::1", "2001:db8::7")) {
            AtomicReference<Thread> answeredOn = new AtomicReference<>();
            AtomicReference<List<InetAddress>> addresses = new AtomicReference<>();
            resolver.resolve(literal).subscribe().with(found -> {
                answeredOn.set(Thread.currentThread());
                addresses.set(found);
            });
            assertThat(answeredOn.get()).as(literal).isSameAs(Thread.currentThread());
            assertThat(addresses.get()).hasSize(1);
            assertThat(addresses.get().get(0).getHostAddress()).isEqualTo(literalForm(literal));
        }
    }

    @Test
    void aNameIsLookedUpOnAWorkerThread() {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        List<InetAddress> found = resolver.resolve("localhost").invoke(a -> answeredOn.set(Thread.currentThread()))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(found).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThat(answeredOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aNameThatDoesNotResolveFails() {
        assertThatThrownBy(() -> resolver.resolve("no-such-host.invalid").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(SystemHostResolver.UnresolvableHostException.class);
    }

    private static String literalForm(String literal) {
        return switch (literal) {
            case "::1" -> "0:0:0:0:0:0:0:1";
            case "2001:db8::7" -> "2001:db8:0:0:0:0:0:7";
            default -> literal;
        };
    }
}
