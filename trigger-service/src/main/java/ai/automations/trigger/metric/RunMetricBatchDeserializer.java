package ai.automations.trigger.metric;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.automations.common.event.RunMetricBatch;
import ai.automations.common.event.RunMetricRecord;
import ai.automations.trigger.metric.RunMetricDeserializer.NotUsual;

/**
 * Reads {@code automation.run-metrics} values on the Kafka polling thread into the points to evaluate: a
 * {@link RunMetricBatch} (what registry-service writes, one record per history call) gives its points step by step,
 * each step's metrics in the order written; a single {@link RunMetricRecord} (what earlier versions wrote, and what a
 * record without {@code steps} is) gives its one point through {@link RunMetricDeserializer}. The usual batch shape
 * is read with the streaming parser (metric names, read as field names, are shared strings); anything else goes
 * through Jackson data binding with the same result. A value that is neither comes out as null; the consumer then
 * logs it with its offset and counts it.
 */
public class RunMetricBatchDeserializer implements Deserializer<RunMetricPoints> {

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    private static final ObjectReader READER = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build().readerFor(RunMetricBatch.class);

    /** Marks a value that is not a batch (no {@code steps}, or a single record's fields). */
    private static final class NotBatch extends Exception {
        NotBatch() {
            super(null, null, false, false);
        }
    }

    private static final NotBatch NOT_BATCH = new NotBatch();

    private final RunMetricDeserializer single = new RunMetricDeserializer();

    @Override
    public RunMetricPoints deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return fast(data);
        } catch (NotBatch e) {
            RunMetricRecord point = single.deserialize(topic, data);
            return point == null ? null : new RunMetricPoints(List.of(point));
        } catch (NotUsual e) {
            return bound(data);
        } catch (Exception e) {
            return null;
        }
    }

    /** Data binding, the reference behaviour for a batch. */
    static RunMetricPoints bound(byte[] data) {
        try {
            RunMetricBatch batch = READER.readValue(data);
            if (batch == null || batch.steps() == null) {
                return null;
            }
            List<RunMetricRecord> points = new ArrayList<>();
            for (RunMetricBatch.Step step : batch.steps()) {
                if (step == null || step.metrics() == null) {
                    return null;
                }
                for (Map.Entry<String, Double> m : step.metrics().entrySet()) {
                    if (m.getValue() == null) {
                        return null;
                    }
                    points.add(new RunMetricRecord(batch.entity(), batch.project(), batch.runId(), batch.runName(),
                            batch.user(), m.getKey(), step.step(), m.getValue(), step.timestamp(), batch.tags(),
                            batch.config()));
                }
            }
            return new RunMetricPoints(points);
        } catch (Exception e) {
            return null;
        }
    }

    static RunMetricPoints fast(byte[] data) throws IOException, NotUsual, NotBatch {
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NOT_BATCH;
            }
            String entity = null;
            String project = null;
            String runId = null;
            String runName = null;
            String user = null;
            List<String> tags = null;
            Map<String, Object> config = null;
            Values values = null;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "entity" -> entity = RunMetricDeserializer.text(p, v);
                    case "project" -> project = RunMetricDeserializer.text(p, v);
                    case "runId" -> runId = RunMetricDeserializer.text(p, v);
                    case "runName" -> runName = RunMetricDeserializer.text(p, v);
                    case "user" -> user = RunMetricDeserializer.text(p, v);
                    case "tags" -> tags = RunMetricDeserializer.strings(p, v);
                    case "config" -> config = RunMetricDeserializer.config(p, v);
                    case "steps" -> {
                        if (values != null || v != JsonToken.START_ARRAY) {
                            throw RunMetricDeserializer.NOT_USUAL;
                        }
                        values = steps(p, data.length / 24 + 1);
                    }
                    case "metric", "step", "value", "timestamp" -> throw NOT_BATCH;
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw RunMetricDeserializer.NOT_USUAL;
            }
            if (values == null) {
                throw NOT_BATCH;
            }
            List<RunMetricRecord> points = new ArrayList<>(values.size);
            for (int i = 0; i < values.size; i++) {
                points.add(new RunMetricRecord(entity, project, runId, runName, user, values.metric[i],
                        values.step[i], values.value[i], values.timestamp[i], tags, config));
            }
            return new RunMetricPoints(points);
        }
    }

    /** The steps array (its start token read), flattened to one entry per value. */
    private static Values steps(JsonParser p, int expected) throws IOException, NotUsual {
        Values values = new Values(expected);
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
            int from = values.size;
            boolean hasStep = false;
            boolean hasMetrics = false;
            long step = 0;
            Instant timestamp = null;
            JsonToken field;
            while ((field = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "step" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw RunMetricDeserializer.NOT_USUAL;
                        }
                        step = p.getLongValue();
                        hasStep = true;
                    }
                    case "timestamp" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            timestamp = RunMetricDeserializer.utc(p.getText());
                        } else if (v != JsonToken.VALUE_NULL) {
                            throw RunMetricDeserializer.NOT_USUAL;
                        }
                    }
                    case "metrics" -> {
                        if (hasMetrics || v != JsonToken.START_OBJECT) {
                            throw RunMetricDeserializer.NOT_USUAL;
                        }
                        hasMetrics = true;
                        metrics(p, values);
                    }
                    default -> p.skipChildren();
                }
            }
            if (field != JsonToken.END_OBJECT || !hasStep || !hasMetrics) {
                throw RunMetricDeserializer.NOT_USUAL;
            }
            for (int i = from; i < values.size; i++) {
                values.step[i] = step;
                values.timestamp[i] = timestamp;
            }
        }
        if (token != JsonToken.END_ARRAY) {
            throw RunMetricDeserializer.NOT_USUAL;
        }
        return values;
    }

    private static void metrics(JsonParser p, Values values) throws IOException, NotUsual {
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String metric = p.currentName();
            JsonToken v = p.nextToken();
            double value;
            if (v == JsonToken.VALUE_STRING) {
                value = RunMetricDeserializer.nonFinite(p.getText());
            } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDoubleValue();
            } else {
                throw RunMetricDeserializer.NOT_USUAL;
            }
            values.add(metric, value);
        }
        if (token != JsonToken.END_OBJECT) {
            throw RunMetricDeserializer.NOT_USUAL;
        }
    }

    /** Growing parallel arrays: one entry per value. */
    private static final class Values {
        int size;
        String[] metric;
        double[] value;
        long[] step;
        Instant[] timestamp;

        Values(int expected) {
            metric = new String[expected];
            value = new double[expected];
            step = new long[expected];
            timestamp = new Instant[expected];
        }

        void add(String name, double v) {
            if (size == metric.length) {
                int n = size * 2 + 1;
                metric = Arrays.copyOf(metric, n);
                value = Arrays.copyOf(value, n);
                step = Arrays.copyOf(step, n);
                timestamp = Arrays.copyOf(timestamp, n);
            }
            metric[size] = name;
            value[size++] = v;
        }
    }
}
