package ai.automations.registry.run;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A point's timestamp as the SDKs send it: unix seconds (fractions allowed, not negative) or an ISO-8601 instant.
 * Anything else fails as a bad value of that field.
 */
class UnixOrIsoInstant extends StdScalarDeserializer<Instant> {

    UnixOrIsoInstant() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            Instant instant = ofSeconds(p.getDoubleValue());
            if (instant != null) {
                return instant;
            }
        } else if (p.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                // refused below, as every other shape
            }
        }
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                "must be unix seconds or an ISO-8601 instant");
    }

    /** The instant {@code seconds} after the epoch, or null when they are negative or not finite. */
    static Instant ofSeconds(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
}
