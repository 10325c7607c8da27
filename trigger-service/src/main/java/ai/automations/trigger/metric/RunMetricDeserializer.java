package ai.automations.trigger.metric;

import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.automations.common.event.RunMetricRecord;

/**
 * Reads {@code automation.run-metrics} values on the Kafka polling thread. A value that is not a metric record comes
 * out as null; the consumer then logs it with its offset and counts it.
 */
public class RunMetricDeserializer implements Deserializer<RunMetricRecord> {

    private static final ObjectReader READER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build().readerFor(RunMetricRecord.class);

    @Override
    public RunMetricRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return READER.readValue(data);
        } catch (Exception e) {
            return null;
        }
    }

    /** What makes a point unusable, or null when it is fine. */
    public static String problem(RunMetricRecord point) {
        if (point == null) {
            return "not a run-metric record";
        }
        if (point.runId() == null || point.metric() == null || point.entity() == null || point.project() == null) {
            return "entity, project, runId and metric are required";
        }
        if (!Double.isFinite(point.value())) {
            return "value must be a finite number";
        }
        return null;
    }
}
