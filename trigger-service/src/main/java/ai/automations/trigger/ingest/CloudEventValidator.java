package ai.automations.trigger.ingest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;
import ai.automations.common.event.ArtifactEventData;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;
import ai.automations.common.event.RunStateEventData;

/**
 * Checks that a JSON object is a CloudEvents 1.0 structured event of one of the contract's topic types with data of
 * the right shape, and says precisely what is wrong otherwise (a 400 naming the field).
 */
@ApplicationScoped
public class CloudEventValidator {

    private final ObjectMapper mapper;
    private final Validator constraints;

    public CloudEventValidator(ObjectMapper mapper, Validator constraints) {
        this.mapper = mapper;
        this.constraints = constraints;
    }

    /** An event that may be published to {@code automation.events}, with its entity and partition key. */
    public record ValidEvent(CloudEvent event, JsonNode json, String entity, String key) {
    }

    /**
     * The event if it is valid; otherwise a 400 naming the field (or, for a binary-mode request, the header) at fault
     * as {@code fields} names it.
     */
    public ValidEvent validate(JsonNode node, EventFields fields) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Each event must be a JSON object.", fields.event());
        }
        String specversion = text(node, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw ApiException.badRequest(fields.attribute("specversion") + " must be \"1.0\".",
                    fields.attribute("specversion"));
        }
        required(node, "id", fields);
        required(node, "source", fields);
        String type = required(node, "type", fields);
        EventType eventType = EventType.fromCloudEventType(type).orElseThrow(() -> ApiException.badRequest(
                fields.attribute("type") + " '" + type + "' is not an event type of this suite (ai.automations.<EVENT_TYPE>).",
                fields.attribute("type")));
        if (eventType == EventType.RUN_STALLED) {
            throw ApiException.badRequest("RUN_STALLED is derived by trigger-service from a run's history; it is "
                    + "not accepted as an event.", fields.attribute("type"));
        }
        if (eventType.isRunMetricEvent()) {
            throw ApiException.badRequest("Run metrics are not events: log them with the run history endpoint or publish "
                    + "them to automation.run-metrics.", fields.attribute("type"));
        }
        String contentType = text(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith(CloudEvent.JSON)) {
            throw ApiException.badRequest(fields.attribute("datacontenttype") + " must be application/json.",
                    fields.attribute("datacontenttype"));
        }
        String time = text(node, "time");
        if (time != null) {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(fields.attribute("time") + " must be an RFC 3339 timestamp.",
                        fields.attribute("time"));
            }
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest(fields.data() + " must be a JSON object.", fields.data());
        }
        CloudEvent event;
        try {
            event = mapper.treeToValue(node, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(fields.event(), e);
        }
        if (eventType.isArtifactEvent()) {
            ArtifactEventData d = convert(data, ArtifactEventData.class, fields);
            if ((d.project() == null) == (d.registry() == null)) {
                throw ApiException.badRequest("An artifact event names exactly one of data.project or data.registry.",
                        fields.data() + ".project");
            }
            if (eventType == EventType.CREATE_ARTIFACT && d.project() == null) {
                throw ApiException.badRequest("CREATE_ARTIFACT happens in a project collection: data.project is required.",
                        fields.data() + ".project");
            }
            if (eventType == EventType.ADD_ARTIFACT_ALIAS && blank(d.alias())) {
                throw ApiException.badRequest("data.alias is required.", fields.data() + ".alias");
            }
            if ((eventType == EventType.ADD_ARTIFACT_TAG || eventType == EventType.REMOVE_ARTIFACT_TAG
                    || eventType.isCollectionTagEvent()) && blank(d.tag())) {
                throw ApiException.badRequest("data.tag is required.", fields.data() + ".tag");
            }
            String key = !blank(d.collectionId()) ? d.collectionId()
                    : d.entity() + "/" + (d.project() != null ? "projects/" + d.project() : "registries/" + d.registry())
                            + "/" + d.collection();
            return new ValidEvent(event, node, d.entity(), key);
        }
        RunStateEventData d = convert(data, RunStateEventData.class, fields);
        RunState state = d.state() == null ? null : parseState(d.state());
        if (state == null) {
            throw ApiException.badRequest("data.state must be one of RUNNING, FINISHED, FAILED, CRASHED, KILLED.",
                    fields.data() + ".state");
        }
        return new ValidEvent(event, node, d.entity(), d.runId());
    }

    /** The event's data as its type's record, held to the record's constraints (names). */
    private <T> T convert(JsonNode data, Class<T> type, EventFields fields) {
        String field = fields.data();
        T value;
        try {
            value = mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(field, e);
        }
        Set<ConstraintViolation<T>> violations = constraints.validate(value);
        if (!violations.isEmpty()) {
            throw RequestErrors.violations(field, violations);
        }
        return value;
    }

    private static RunState parseState(String state) {
        try {
            return RunState.valueOf(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String required(JsonNode node, String name, EventFields fields) {
        String value = text(node, name);
        if (blank(value)) {
            throw ApiException.badRequest(fields.attribute(name) + " is required.", fields.attribute(name));
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
