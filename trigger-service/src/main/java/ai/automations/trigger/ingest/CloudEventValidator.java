package ai.automations.trigger.ingest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.RunState;
import ai.automations.common.error.ApiException;
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

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");

    private final ObjectMapper mapper;

    public CloudEventValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An event that may be published to {@code automation.events}, with its entity and partition key. */
    public record ValidEvent(CloudEvent event, JsonNode json, String entity, String key) {
    }

    public ValidEvent validate(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Each event must be a JSON object.", at);
        }
        String specversion = text(node, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw ApiException.badRequest("specversion must be \"1.0\".", field(at, "specversion"));
        }
        String id = required(node, "id", at);
        required(node, "source", at);
        String type = required(node, "type", at);
        EventType eventType = EventType.fromCloudEventType(type).orElseThrow(() -> ApiException.badRequest(
                "type '" + type + "' is not an event type of this suite (ai.automations.<EVENT_TYPE>).", field(at, "type")));
        if (eventType.isRunMetricEvent()) {
            throw ApiException.badRequest("Run metrics are not events: log them with the run history endpoint or publish "
                    + "them to automation.run-metrics.", field(at, "type"));
        }
        String contentType = text(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith(CloudEvent.JSON)) {
            throw ApiException.badRequest("datacontenttype must be application/json.", field(at, "datacontenttype"));
        }
        String time = text(node, "time");
        if (time != null) {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("time must be an RFC 3339 timestamp.", field(at, "time"));
            }
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest("data must be a JSON object.", field(at, "data"));
        }
        CloudEvent event;
        try {
            event = mapper.treeToValue(node, CloudEvent.class);
        } catch (Exception e) {
            throw ApiException.badRequest("The event is not a valid CloudEvent: " + firstLine(e.getMessage()), at);
        }
        if (eventType.isArtifactEvent()) {
            ArtifactEventData d = convert(data, ArtifactEventData.class, at);
            name(d.entity(), field(at, "data.entity"));
            name(d.collection(), field(at, "data.collection"));
            if ((d.project() == null) == (d.registry() == null)) {
                throw ApiException.badRequest("An artifact event names exactly one of data.project or data.registry.",
                        field(at, "data.project"));
            }
            name(d.project() != null ? d.project() : d.registry(), field(at, d.project() != null ? "data.project" : "data.registry"));
            if (eventType == EventType.CREATE_ARTIFACT && d.project() == null) {
                throw ApiException.badRequest("CREATE_ARTIFACT happens in a project collection: data.project is required.",
                        field(at, "data.project"));
            }
            if (eventType == EventType.ADD_ARTIFACT_ALIAS && blank(d.alias())) {
                throw ApiException.badRequest("data.alias is required.", field(at, "data.alias"));
            }
            if ((eventType == EventType.ADD_ARTIFACT_TAG || eventType == EventType.REMOVE_ARTIFACT_TAG) && blank(d.tag())) {
                throw ApiException.badRequest("data.tag is required.", field(at, "data.tag"));
            }
            String key = !blank(d.collectionId()) ? d.collectionId()
                    : d.entity() + "/" + (d.project() != null ? "projects/" + d.project() : "registries/" + d.registry())
                            + "/" + d.collection();
            return new ValidEvent(event, node, d.entity(), key);
        }
        RunStateEventData d = convert(data, RunStateEventData.class, at);
        name(d.entity(), field(at, "data.entity"));
        name(d.project(), field(at, "data.project"));
        if (blank(d.runId())) {
            throw ApiException.badRequest("data.runId is required.", field(at, "data.runId"));
        }
        RunState state = d.state() == null ? null : parseState(d.state());
        if (state == null || state == RunState.RUNNING) {
            throw ApiException.badRequest("data.state must be one of FINISHED, FAILED, CRASHED, KILLED.",
                    field(at, "data.state"));
        }
        return new ValidEvent(event, node, d.entity(), d.runId());
    }

    private <T> T convert(JsonNode data, Class<T> type, String at) {
        try {
            return mapper.treeToValue(data, type);
        } catch (Exception e) {
            throw ApiException.badRequest("data does not fit the event type: " + firstLine(e.getMessage()), field(at, "data"));
        }
    }

    private static RunState parseState(String state) {
        try {
            return RunState.valueOf(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String required(JsonNode node, String name, String at) {
        String value = text(node, name);
        if (blank(value)) {
            throw ApiException.badRequest(name + " is required.", field(at, name));
        }
        return value;
    }

    private static void name(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ApiException.badRequest(field + " must be a name matching " + NAME.pattern() + ".", field);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String field(String at, String name) {
        return at == null ? name : at + "." + name;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
