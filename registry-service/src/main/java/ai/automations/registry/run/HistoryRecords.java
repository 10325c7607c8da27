package ai.automations.registry.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import ai.automations.common.event.RunMetricBatch;

/**
 * Writes a history call as {@link RunMetricBatch} values of {@code automation.run-metrics}, straight from the
 * {@link HistoryBatch} with the streaming generator: steps in the order given, each step's metrics in the order
 * logged. The values are UTF-8 bytes written straight by the generator (what the producer sends), not Strings
 * encoded again by a serializer, and a metric value read from a decimal is that decimal's text copied (the same
 * number; formatting a double costs far more than copying it). A call is one record unless it is large: a record is closed past
 * {@link #MAX_BYTES} (at a value boundary, the next record carrying the same step on) so that none comes near the
 * broker's message size limit.
 */
final class HistoryRecords {

    /** Bytes of JSON after which a record is closed; a value adds at most ~1.6 KB (a 256-character name). */
    static final int MAX_BYTES = 256 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    /**
     * What every record of a call repeats: the run, its tags (null when none) and its config as stored (a JSON
     * object, copied verbatim; null or {@code {}}: written as null).
     */
    record Run(String entity, String project, String runId, String runName, String user, List<String> tags,
            String config) {

        /** The run without config. */
        Run(String entity, String project, String runId, String runName, String user, List<String> tags) {
            this(entity, project, runId, runName, user, tags, null);
        }
    }

    private HistoryRecords() {
    }

    /** The call's records, in the order they must be sent. */
    static List<byte[]> write(Run run, HistoryBatch batch, int[] order) {
        return write(run, batch, order, MAX_BYTES);
    }

    static List<byte[]> write(Run run, HistoryBatch batch, int[] order, int maxBytes) {
        List<byte[]> records = new ArrayList<>(1);
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(Math.min(maxBytes, batch.values() * 24 + 256) + 1024);
            JsonGenerator g = open(out, run);
            for (int s : order) {
                String at = batch.timestamp(s).toString();
                openStep(g, batch.step(s), at);
                int end = batch.endValue(s);
                for (int v = batch.firstValue(s); v < end; v++) {
                    g.writeFieldName(batch.metric(v));
                    int length = batch.textLength(v);
                    if (length > 0) {
                        g.writeRawValue(batch.text(), batch.textStart(v), length);
                    } else {
                        g.writeNumber(batch.value(v));
                    }
                    if (v + 1 < end && out.size() + g.getOutputBuffered() >= maxBytes) {
                        g.writeEndObject();
                        g.writeEndObject();
                        records.add(close(g, out));
                        out = new ByteArrayBuilder(maxBytes + 1024);
                        g = open(out, run);
                        openStep(g, batch.step(s), at);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
                if (out.size() + g.getOutputBuffered() >= maxBytes && s != order[order.length - 1]) {
                    records.add(close(g, out));
                    out = new ByteArrayBuilder(maxBytes + 1024);
                    g = open(out, run);
                }
            }
            records.add(close(g, out));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonGenerator open(ByteArrayBuilder out, Run run) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("entity", run.entity());
        g.writeStringField("project", run.project());
        g.writeStringField("runId", run.runId());
        g.writeStringField("runName", run.runName());
        g.writeStringField("user", run.user());
        g.writeFieldName("tags");
        if (run.tags() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (String tag : run.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        g.writeFieldName("config");
        String config = run.config();
        if (config == null || config.isBlank() || config.equals("{}")) {
            g.writeNull();
        } else {
            g.writeRawValue(config);
        }
        g.writeFieldName("steps");
        g.writeStartArray();
        return g;
    }

    private static void openStep(JsonGenerator g, long step, String at) throws IOException {
        g.writeStartObject();
        g.writeNumberField("step", step);
        g.writeStringField("timestamp", at);
        g.writeFieldName("metrics");
        g.writeStartObject();
    }

    private static byte[] close(JsonGenerator g, ByteArrayBuilder out) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
        return out.toByteArray();
    }
}
