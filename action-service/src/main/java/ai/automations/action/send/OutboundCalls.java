package ai.automations.action.send;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.action.execution.Verdict;
import ai.automations.action.outbound.CallResult;
import ai.automations.action.outbound.IntegrationLanes;
import ai.automations.action.outbound.OutboundConfig;
import ai.automations.action.outbound.OutboundHttp;
import io.smallrye.mutiny.Uni;

/**
 * Makes a prepared call in its integration's lane and turns the answer into a {@link SendOutcome}: the verdict, and
 * the error and body redacted of the resolved secrets and cut to what is kept. The part every sender shares.
 */
@ApplicationScoped
public class OutboundCalls {

    private final IntegrationLanes lanes;
    private final OutboundHttp http;
    private final OutboundConfig config;
    private final InstantSource clock;

    public OutboundCalls(IntegrationLanes lanes, OutboundHttp http, OutboundConfig config, InstantSource clock) {
        this.lanes = lanes;
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    public Uni<SendOutcome> make(PreparedCall call, String lane, Supplier<Uni<Boolean>> clearance) {
        return lanes.submit(lane, () -> clearance.get().flatMap(cleared -> {
            Instant started = clock.instant();
            OffsetDateTime at = OffsetDateTime.ofInstant(started, ZoneOffset.UTC);
            if (!cleared) {
                return Uni.createFrom().item(SendOutcome.withheld(at));
            }
            return http.post(call.url(), call.headers(), call.body()).map(result -> outcome(call, at, result));
        }));
    }

    private SendOutcome outcome(PreparedCall call, OffsetDateTime at, CallResult result) {
        Verdict verdict = call.reader().read(result, clock.instant());
        String error = verdict.error() != null ? verdict.error() : errorOf(result);
        return new SendOutcome(false, at, result.statusCode(), call.redact().apply(error), result.durationMs(),
                truncate(call.redact().apply(result.body()), config.maxStoredBodyBytes()), call.storedUrl(),
                call.storedPayload(), verdict);
    }

    private static String errorOf(CallResult result) {
        if (result.error() != null) {
            return result.error();
        }
        return result.is2xx() ? null : "HTTP " + result.statusCode();
    }

    /** The text cut to at most {@code maxBytes} of UTF-8, never splitting a character. */
    static String truncate(String text, int maxBytes) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer chars = CharBuffer.allocate(maxBytes);
        decoder.decode(ByteBuffer.wrap(bytes, 0, maxBytes), chars, true);
        chars.flip();
        return chars.toString();
    }
}
