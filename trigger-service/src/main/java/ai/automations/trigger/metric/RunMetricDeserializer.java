package ai.automations.trigger.metric;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.automations.common.event.RunMetricRecord;

/**
 * Reads {@code automation.run-metrics} values on the Kafka polling thread. The usual shape (string fields, numeric
 * step and value, a UTC timestamp such as {@code 2026-11-22T10:00:00.123Z}) is read with the streaming parser and a
 * direct timestamp parse, which is several times cheaper than data binding; anything else (a numeric or offset
 * timestamp, a number where a name belongs) goes through Jackson data binding with the same result. A value may be
 * NaN or ±Infinity, written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (Jackson's default
 * for non-finite doubles) or as the bare tokens. A value that is
 * not a metric record comes out as null; the consumer then logs it with its offset and counts it.
 */
public class RunMetricDeserializer implements Deserializer<RunMetricRecord> {

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectReader READER = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build().readerFor(RunMetricRecord.class);

    private static final ObjectReader CONFIG = JsonMapper.builder().build().readerFor(Map.class);

    /** Marks a record the streaming path leaves to data binding. */
    static final class NotUsual extends Exception {
        NotUsual() {
            super(null, null, false, false);
        }
    }

    static final NotUsual NOT_USUAL = new NotUsual();

    @Override
    public RunMetricRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return fast(data);
        } catch (NotUsual e) {
            return bound(data);
        } catch (Exception e) {
            return null;
        }
    }

    /** Data binding, the reference behaviour. */
    static RunMetricRecord bound(byte[] data) {
        try {
            return READER.readValue(data);
        } catch (Exception e) {
            return null;
        }
    }

    static RunMetricRecord fast(byte[] data) throws IOException, NotUsual {
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NOT_USUAL;
            }
            String entity = null;
            String project = null;
            String runId = null;
            String runName = null;
            String user = null;
            String metric = null;
            long step = 0;
            double value = 0;
            Instant timestamp = null;
            List<String> tags = null;
            Map<String, Object> config = null;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "entity" -> entity = text(p, v);
                    case "project" -> project = text(p, v);
                    case "runId" -> runId = text(p, v);
                    case "runName" -> runName = text(p, v);
                    case "user" -> user = text(p, v);
                    case "metric" -> metric = text(p, v);
                    case "step" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw NOT_USUAL;
                        }
                        step = p.getLongValue();
                    }
                    case "value" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            value = nonFinite(p.getText());
                        } else if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw NOT_USUAL;
                        } else {
                            value = p.getDoubleValue();
                        }
                    }
                    case "timestamp" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            timestamp = utc(p.getText());
                        } else if (v != JsonToken.VALUE_NULL) {
                            throw NOT_USUAL;
                        }
                    }
                    case "tags" -> tags = strings(p, v);
                    case "config" -> config = config(p, v);
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw NOT_USUAL;
            }
            return new RunMetricRecord(entity, project, runId, runName, user, metric, step, value, timestamp, tags,
                    config);
        }
    }

    /** The run's config object (its start token read), or null; anything but an object or null is not usual. */
    static Map<String, Object> config(JsonParser p, JsonToken token) throws IOException, NotUsual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw NOT_USUAL;
        }
        return CONFIG.readValue(p);
    }

    static List<String> strings(JsonParser p, JsonToken token) throws IOException, NotUsual {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw NOT_USUAL;
        }
        List<String> values = new ArrayList<>(4);
        JsonToken item;
        while ((item = p.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(p.getText());
        }
        if (item != JsonToken.END_ARRAY) {
            throw NOT_USUAL;
        }
        return values;
    }

    /** A value Jackson wrote as a string: NaN or ±Infinity (JSON has no literal for them); anything else is not usual. */
    static double nonFinite(String text) throws NotUsual {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw NOT_USUAL;
        };
    }

    static String text(JsonParser p, JsonToken token) throws IOException, NotUsual {
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        throw NOT_USUAL;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}; any other form is left to data binding. */
    static Instant utc(String s) throws NotUsual {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            throw NOT_USUAL;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
                throw NOT_USUAL;
            }
            nanos = digits(s, 20, n - 1);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw NOT_USUAL;
        }
        try {
            long day = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
            return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            throw NOT_USUAL;
        }
    }

    private static int digits(String s, int from, int to) throws NotUsual {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw NOT_USUAL;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** What makes a point unusable, or null when it is fine. */
    public static String problem(RunMetricRecord point) {
        if (point == null) {
            return "not a run-metric record";
        }
        if (point.runId() == null || point.metric() == null || point.entity() == null || point.project() == null) {
            return "entity, project, runId and metric are required";
        }
        return null;
    }
}
