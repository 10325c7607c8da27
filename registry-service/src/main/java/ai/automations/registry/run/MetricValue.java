package ai.automations.registry.run;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A logged metric value: a JSON number, the bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity} that
 * Python's {@code json.dumps} writes (read as numbers by {@link HistoryJson}), or the same three words as strings
 * (how the history is written back, and how strict-JSON clients send them). Anything else is a bad value of that
 * field.
 */
class MetricValue extends StdScalarDeserializer<Double> {

    MetricValue() {
        super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            Double special = nonFinite(p.getText());
            if (special != null) {
                return special;
            }
            return (Double) ctxt.handleWeirdStringValue(Double.class, p.getText(),
                    "must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
        }
        return (Double) ctxt.handleUnexpectedToken(Double.class, p);
    }

    /** The value one of the words {@code NaN}, {@code Infinity}, {@code -Infinity} names, else null. */
    static Double nonFinite(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }
}
