package ai.automations.registry.run;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import ai.automations.common.error.ApiException;

/**
 * Reads the body of {@code POST .../history} as Python's {@code json.dumps} writes it: standard JSON plus the bare
 * tokens {@code NaN}, {@code Infinity} and {@code -Infinity} (a diverged loss). Only this endpoint reads them; every
 * other body stays strict JSON, so a threshold can never be NaN.
 * <p>
 * A well-formed body is read in one pass of the streaming parser straight into a {@link HistoryBatch} (no tree, no
 * object per point): {@link #points} accepts only what {@link HistoryPoint}'s binding and constraints accept and
 * answers null for anything else, which the caller then reads as a tree ({@link #read}) to refuse it with the
 * contract's error naming the field, exactly as before.
 */
@ApplicationScoped
public class HistoryJson {

    /** Past this many values in one step, repeats are looked up in a set rather than by scanning the step. */
    private static final int SCAN_LIMIT = 16;

    private final ObjectReader reader;
    private final JsonFactory streaming;

    public HistoryJson(ObjectMapper mapper) {
        this.reader = mapper.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
        this.streaming = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    }

    /** The body as a tree (null when it is empty), or the contract's 400 when it is not JSON. */
    public JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON.", null);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.", null);
        }
    }

    /**
     * The body's points (those without a timestamp logged {@code now}) when the body is a valid point or array of
     * points within the limits, else null: the caller refuses it through the tree, which names what is wrong.
     */
    HistoryBatch points(byte[] body, Instant now) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser p = streaming.createParser(body)) {
            JsonToken token = p.nextToken();
            // ~30 bytes per value, ~10 values per step: a first guess, the arrays grow when it is short
            HistoryBatch batch = new HistoryBatch(body.length / 300 + 1, body.length / 24 + 1);
            if (token == JsonToken.START_OBJECT) {
                return point(p, batch, now) ? batch : null;
            }
            if (token != JsonToken.START_ARRAY) {
                return null;
            }
            while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
                if (batch.steps() == RunHistoryService.MAX_POINTS || !point(p, batch, now)) {
                    return null;
                }
            }
            return token == JsonToken.END_ARRAY && batch.steps() > 0 ? batch : null;
        } catch (IOException | DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    /** One point object (its start token read) into the batch; false when it is anything but a valid point. */
    private static boolean point(JsonParser p, HistoryBatch batch, Instant now) throws IOException {
        boolean hasStep = false;
        boolean hasMetrics = false;
        boolean hasTimestamp = false;
        long step = 0;
        Instant timestamp = null;
        batch.startStep();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "step" -> {
                    if (hasStep || value != JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    step = p.getLongValue();
                    if (step < 0) {
                        return false;
                    }
                    hasStep = true;
                }
                case "metrics" -> {
                    if (hasMetrics || value != JsonToken.START_OBJECT || !metrics(p, batch)) {
                        return false;
                    }
                    hasMetrics = true;
                }
                case "timestamp" -> {
                    if (hasTimestamp) {
                        return false;
                    }
                    hasTimestamp = true;
                    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                        timestamp = UnixOrIsoInstant.ofSeconds(p.getDoubleValue());
                        if (timestamp == null) {
                            return false;
                        }
                    } else if (value == JsonToken.VALUE_STRING) {
                        timestamp = Instant.parse(p.getText());
                    } else if (value != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        if (token != JsonToken.END_OBJECT || !hasStep || !hasMetrics) {
            return false;
        }
        batch.endStep(step, timestamp == null ? now : timestamp);
        return true;
    }

    /** A point's metrics object (its start token read): at least one, named, finite or NaN/±Infinity, no repeats. */
    private static boolean metrics(JsonParser p, HistoryBatch batch) throws IOException {
        Set<String> names = null;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (name.length() > 256 || name.isBlank() || name.trim().isEmpty()) {
                return false;
            }
            JsonToken valueToken = p.nextToken();
            double value;
            boolean decimal = valueToken == JsonToken.VALUE_NUMBER_FLOAT;
            if (valueToken == JsonToken.VALUE_NUMBER_INT || decimal) {
                value = p.getDoubleValue();
            } else if (valueToken == JsonToken.VALUE_STRING) {
                Double word = MetricValue.nonFinite(p.getText());
                if (word == null) {
                    return false;
                }
                value = word;
            } else {
                return false;
            }
            int inStep = batch.openStepValues();
            if (names == null && inStep == SCAN_LIMIT) {
                names = new HashSet<>();
                for (int v = batch.values() - inStep; v < batch.values(); v++) {
                    names.add(batch.metric(v));
                }
            }
            if (names == null ? batch.openStepHas(name) : !names.add(name)) {
                return false;
            }
            if (decimal) {
                batch.add(name, value, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else {
                batch.add(name, value);
            }
            if (batch.values() > RunHistoryService.MAX_RECORDS) {
                return false;
            }
        }
        return token == JsonToken.END_OBJECT && batch.openStepValues() > 0;
    }
}
