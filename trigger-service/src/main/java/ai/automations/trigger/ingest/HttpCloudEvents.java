package ai.automations.trigger.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.error.ApiException;
import ai.automations.common.error.RequestErrors;
import ai.automations.trigger.TriggerConfig;
import ai.automations.trigger.ingest.CloudEventValidator.ValidEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.types.Time;

/**
 * Reads the CloudEvents of one {@code POST /api/v1/events} in the content mode of the CloudEvents HTTP binding it was
 * sent in: <b>binary</b> (attributes in {@code ce-*} headers, the data as the body, decoded by the CloudEvents SDK's HTTP
 * binding), <b>structured</b> ({@code application/cloudevents+json}, one event) or <b>batched</b>
 * ({@code application/cloudevents-batch+json}, an array). Plain {@code application/json} without
 * {@code ce-specversion} is read as it always was: one structured event or an array of them. Every mode ends as the
 * same structured JSON event, validated by {@link CloudEventValidator} and named in errors as the request sent it.
 */
@ApplicationScoped
public class HttpCloudEvents {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    static final String CE_PREFIX = "ce-";
    static final String SPEC_VERSION_HEADER = "ce-specversion";

    private final CloudEventValidator validator;
    private final TriggerConfig config;
    private final ObjectMapper mapper;
    private final ObjectReader strict;

    public HttpCloudEvents(CloudEventValidator validator, TriggerConfig config, ObjectMapper mapper) {
        this.validator = validator;
        this.config = config;
        this.mapper = mapper;
        this.strict = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The valid events of the request, in order; a 400 (or 413) for the first thing wrong, and then none. */
    public List<ValidEvent> read(HttpHeaders headers, byte[] body) {
        String contentType = mediaType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (BATCH.equals(contentType)) {
            JsonNode events = parse(body);
            if (!events.isArray()) {
                throw ApiException.badRequest("A batch (" + BATCH + ") is a JSON array of events.", null);
            }
            return array(events);
        }
        if (STRUCTURED.equals(contentType)) {
            JsonNode event = parse(body);
            if (!event.isObject()) {
                throw ApiException.badRequest("A structured event (" + STRUCTURED + ") is one JSON object; send an array "
                        + "as " + BATCH + ".", null);
            }
            return List.of(validator.validate(event, EventFields.structured(null)));
        }
        if (headers.getHeaderString(SPEC_VERSION_HEADER) != null) {
            return List.of(binary(headers, body));
        }
        JsonNode parsed = parse(body);
        if (parsed.isArray()) {
            return array(parsed);
        }
        if (parsed.isObject() && !parsed.has("specversion") && hasCloudEventsHeader(headers)) {
            throw ApiException.badRequest("A binary-mode event needs the ce-specversion header (1.0); a structured one "
                    + "carries specversion in its JSON.", SPEC_VERSION_HEADER);
        }
        return List.of(validator.validate(parsed, EventFields.structured(null)));
    }

    private List<ValidEvent> array(JsonNode events) {
        if (events.isEmpty()) {
            throw ApiException.badRequest("The array holds no event.", null);
        }
        if (events.size() > config.maxIngestBatch()) {
            throw ApiException.tooLarge("At most " + config.maxIngestBatch() + " events per call.");
        }
        List<ValidEvent> valid = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            valid.add(validator.validate(events.get(i), EventFields.structured("[" + i + "]")));
        }
        return valid;
    }

    /**
     * Binary mode: the headers named as such in errors are checked first, then the SDK's HTTP binding reads the event
     * and its attributes and extensions become the structured event that is validated and published.
     */
    private ValidEvent binary(HttpHeaders headers, byte[] body) {
        String specversion = headers.getHeaderString(SPEC_VERSION_HEADER).trim();
        if (!"1.0".equals(specversion)) {
            throw ApiException.badRequest("ce-specversion must be \"1.0\".", SPEC_VERSION_HEADER);
        }
        for (String attribute : List.of("id", "source", "type")) {
            String value = headers.getHeaderString(CE_PREFIX + attribute);
            if (value == null || value.isBlank()) {
                throw ApiException.badRequest("ce-" + attribute + " is required in binary mode.", CE_PREFIX + attribute);
            }
        }
        for (String header : headers.getRequestHeaders().keySet()) {
            if (isCloudEventsHeader(header) && !validAttributeName(header.substring(CE_PREFIX.length()))) {
                String name = header.toLowerCase(Locale.ROOT);
                throw ApiException.badRequest(name + ": an attribute name has only lower-case letters and digits.", name);
            }
        }
        uri(headers, "source");
        uri(headers, "dataschema");
        String time = headers.getHeaderString("ce-time");
        if (time != null) {
            try {
                OffsetDateTime.parse(time.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("ce-time must be an RFC 3339 timestamp.", "ce-time");
            }
        }
        JsonNode data;
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("In binary mode the body is the event's data, a JSON object.", "data");
        }
        try {
            data = strict.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("In binary mode the body is the event's data: it is not valid JSON.", "data");
        }
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReaderFromMultimap(headers.getRequestHeaders(), body).toEvent();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw ApiException.badRequest("The ce-* headers do not make a CloudEvents 1.0 event.", null);
        }
        return validator.validate(structured(event, data), EventFields.BINARY);
    }

    /** The event in the JSON event format, with the already parsed {@code data}. */
    private ObjectNode structured(CloudEvent event, JsonNode data) {
        ObjectNode node = mapper.createObjectNode();
        node.put("specversion", event.getSpecVersion().toString());
        for (String name : event.getAttributeNames()) {
            Object value = event.getAttribute(name);
            if (value != null && !"specversion".equals(name)) {
                node.put(name, value instanceof OffsetDateTime time ? Time.writeTime(time) : value.toString());
            }
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                node.put(name, value.toString());
            }
        }
        node.set("data", data);
        return node;
    }

    private static void uri(HttpHeaders headers, String attribute) {
        String value = headers.getHeaderString(CE_PREFIX + attribute);
        if (value != null) {
            try {
                new URI(value.trim());
            } catch (java.net.URISyntaxException e) {
                throw ApiException.badRequest("ce-" + attribute + " must be a URI reference.", CE_PREFIX + attribute);
            }
        }
    }

    private JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : strict.readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestErrors.json(e);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body is not valid JSON.", null);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiException.badRequest("Send a CloudEvent or an array of CloudEvents.", null);
        }
        if (!node.isObject() && !node.isArray()) {
            throw ApiException.badRequest("The request body must be a CloudEvent or an array of CloudEvents.", null);
        }
        return node;
    }

    private static boolean hasCloudEventsHeader(HttpHeaders headers) {
        return headers.getRequestHeaders().keySet().stream().anyMatch(HttpCloudEvents::isCloudEventsHeader);
    }

    private static boolean isCloudEventsHeader(String header) {
        return header.length() > CE_PREFIX.length() && header.regionMatches(true, 0, CE_PREFIX, 0, CE_PREFIX.length());
    }

    /** CloudEvents 1.0: attribute names consist of lower-case ASCII letters and digits (headers arrive in any case). */
    private static boolean validAttributeName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The media type without parameters, lower-case; {@code null} when absent. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
