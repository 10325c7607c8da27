package ai.automations.trigger.ingest;

import static ai.automations.trigger.support.Fixtures.artifactData;
import static ai.automations.trigger.support.Fixtures.automation;
import static ai.automations.trigger.support.Fixtures.projectCollection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import ai.automations.common.action.ActionRequest;
import ai.automations.common.auth.Role;
import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.automation.EventFilter;
import ai.automations.common.event.EventType;
import ai.automations.common.event.Topics;
import ai.automations.common.testing.KafkaBroker;
import ai.automations.common.testing.RealInfrastructure;
import ai.automations.common.testing.RegistryDouble;
import ai.automations.trigger.definition.AutomationCatalog;
import ai.automations.trigger.support.Fixtures;
import ai.automations.trigger.support.Kafka;
import ai.automations.trigger.support.Pipeline;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * CloudEvents in every binding, each built and encoded with the CloudEvents Java SDK the way a producer would: HTTP
 * binary ({@code ce-*} headers), structured and batched on {@code POST /api/v1/events}, Kafka binary ({@code ce_*}
 * headers) and structured on {@code automation.events}. Each accepted event is evaluated and fires its automation;
 * bad input is refused naming the header or field at fault.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(RegistryDouble.class)
class CloudEventBindingsTest {

    private static final String MEMBER = RegistryDouble.keyFor(Role.MEMBER, "acme");
    private static final JsonFormat JSON_FORMAT = new JsonFormat();
    private static final String BATCH = "application/cloudevents-batch+json";

    private static KafkaProducer<String, CloudEvent> binaryProducer;
    private static KafkaProducer<String, CloudEvent> structuredProducer;

    @Inject
    AutomationCatalog catalog;

    @Inject
    MeterRegistry meters;

    /** An HTTP request as the SDK's HTTP binding writes it: headers and body. */
    private record HttpMessage(Map<String, String> headers, byte[] body) {
    }

    @AfterAll
    static void closeProducers() {
        if (binaryProducer != null) {
            binaryProducer.close();
        }
        if (structuredProducer != null) {
            structuredProducer.close();
        }
    }

    /** An ADD_ARTIFACT_ALIAS event on project collection {@code ingest/<collection>}, built with the SDK's builder. */
    private static CloudEvent aliasEvent(String collection, String alias) {
        byte[] data = json(artifactData("acme", "ingest", null, collection, alias, null));
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/ml-platform/registry"))
                .withType(EventType.ADD_ARTIFACT_ALIAS.cloudEventType())
                .withSubject("acme/ingest/" + collection + ":v3")
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData("application/json", data)
                .build();
    }

    private AutomationDefinition aliasAutomation(String collection) {
        AutomationDefinition automation = automation("acme", projectCollection("ingest", collection),
                EventType.ADD_ARTIFACT_ALIAS, EventFilter.aliasRegex("^prod"), true);
        Pipeline.define(catalog, automation);
        return automation;
    }

    private static HttpMessage binary(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes).writeBinary(event);
        return new HttpMessage(headers, body[0]);
    }

    private static HttpMessage structured(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes).writeStructured(event, JsonFormat.CONTENT_TYPE);
        return new HttpMessage(headers, body[0]);
    }

    private static String serialized(CloudEvent event) {
        return new String(JSON_FORMAT.serialize(event), StandardCharsets.UTF_8);
    }

    /** A batch in the JSON batch format: an array of events each in the SDK's JSON event format. */
    private static String batch(List<CloudEvent> events) {
        List<String> each = new ArrayList<>();
        for (CloudEvent event : events) {
            each.add(serialized(event));
        }
        return "[" + String.join(",", each) + "]";
    }

    private static ValidatableResponse post(HttpMessage message) {
        return post(message.headers(), message.body());
    }

    private static ValidatableResponse post(Map<String, String> headers, byte[] body) {
        var request = given().header("Authorization", "Bearer " + MEMBER);
        for (var header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                request = request.contentType(header.getValue());
            } else {
                request = request.header(header.getKey(), header.getValue());
            }
        }
        return request.body(body).when().post("/api/v1/events").then();
    }

    private static ValidatableResponse postBatch(String body) {
        return post(Map.of("Content-Type", BATCH), body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> firedEvents(AutomationDefinition automation) {
        return Pipeline.kafka().actionsFor(automation.id()).stream().map(r -> r.event().id()).toList();
    }

    @Test
    void httpBinaryModeIsEvaluatedLikeAStructuredEvent() {
        String collection = Fixtures.unique("bin");
        AutomationDefinition automation = aliasAutomation(collection);
        CloudEvent event = aliasEvent(collection, "production");
        HttpMessage message = binary(event);
        assertThat(message.headers()).containsKeys("ce-specversion", "ce-id", "ce-type", "ce-source", "Content-Type");

        post(message).statusCode(202).body("accepted", equalTo(1)).body("ids", contains(event.getId()));

        Pipeline.awaitEventsEvaluated();
        List<ActionRequest> fired = Pipeline.kafka().actionsFor(automation.id());
        assertThat(fired).extracting(r -> r.event().id()).containsExactly(event.getId());
        ActionRequest request = fired.get(0);
        assertThat(request.event().specversion()).isEqualTo("1.0");
        assertThat(request.event().source()).isEqualTo("/ml-platform/registry");
        assertThat(request.event().subject()).isEqualTo("acme/ingest/" + collection + ":v3");
        assertThat(request.event().time()).isAtSameInstantAs(event.getTime());
        assertThat(request.event().data().get("alias").asText()).isEqualTo("production");
    }

    @Test
    void httpStructuredModeIsEvaluated() {
        String collection = Fixtures.unique("struct");
        AutomationDefinition automation = aliasAutomation(collection);
        CloudEvent event = aliasEvent(collection, "prod-eu");
        HttpMessage message = structured(event);
        assertThat(message.headers().get("Content-Type")).startsWith("application/cloudevents+json");

        post(message).statusCode(202).body("ids", contains(event.getId()));

        Pipeline.awaitEventsEvaluated();
        assertThat(firedEvents(automation)).containsExactly(event.getId());
    }

    @Test
    void httpBatchedModeEvaluatesEveryEvent() {
        String collection = Fixtures.unique("batch");
        AutomationDefinition automation = aliasAutomation(collection);
        CloudEvent first = aliasEvent(collection, "prod-1");
        CloudEvent second = aliasEvent(collection, "prod-2");
        CloudEvent filtered = aliasEvent(collection, "staging");

        postBatch(batch(List.of(first, second, filtered))).statusCode(202).body("accepted", equalTo(3))
                .body("ids", contains(first.getId(), second.getId(), filtered.getId()));

        Pipeline.awaitEventsEvaluated();
        assertThat(firedEvents(automation)).containsExactlyInAnyOrder(first.getId(), second.getId());
    }

    @Test
    void aBatchWithOneBadEventIsRefusedWholeNamingItsIndex() {
        String collection = Fixtures.unique("badbatch");
        AutomationDefinition automation = aliasAutomation(collection);
        String withoutType = serialized(aliasEvent(collection, "prod-bad"))
                .replace("\"type\":\"" + EventType.ADD_ARTIFACT_ALIAS.cloudEventType() + "\",", "");
        assertThat(withoutType).doesNotContain("\"type\"");
        String body = "[" + String.join(",", serialized(aliasEvent(collection, "prod-good")),
                serialized(aliasEvent(collection, "prod-also-good")), withoutType) + "]";

        postBatch(body).statusCode(400).body("error", equalTo("BAD_REQUEST")).body("field", equalTo("[2].type"));
        postBatch(serialized(aliasEvent(collection, "prod-not-in-an-array"))).statusCode(400)
                .body("error", equalTo("BAD_REQUEST"));
        postBatch("[]").statusCode(400).body("error", equalTo("BAD_REQUEST"));

        CloudEvent later = aliasEvent(collection, "prod-later");
        post(structured(later)).statusCode(202);
        Pipeline.awaitEventsEvaluated();
        assertThat(firedEvents(automation)).containsExactly(later.getId());
    }

    @Test
    void aBatchOfMoreThanAThousandEventsIs413() {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(aliasEvent("c1", "prod-" + i));
        }
        postBatch(batch(events)).statusCode(413).body("error", equalTo("TOO_LARGE"));
        postBatch(batch(events.subList(0, 1000))).statusCode(202).body("accepted", equalTo(1000));
    }

    @Test
    void binaryModeRefusesAMissingOrWrongAttributeNamingItsHeader() {
        Map<String, Consumer<Map<String, String>>> breakages = new LinkedHashMap<>();
        breakages.put("ce-id", h -> h.remove("ce-id"));
        breakages.put("ce-source", h -> h.remove("ce-source"));
        breakages.put("ce-type", h -> h.remove("ce-type"));
        breakages.put("ce-specversion", h -> h.put("ce-specversion", "0.3"));
        breakages.put("ce-time", h -> h.put("ce-time", "yesterday"));
        for (var breakage : breakages.entrySet()) {
            HttpMessage message = binary(aliasEvent("c1", "production"));
            Map<String, String> headers = new LinkedHashMap<>(message.headers());
            breakage.getValue().accept(headers);
            post(headers, message.body()).statusCode(400).body("error", equalTo("BAD_REQUEST"))
                    .body("field", equalTo(breakage.getKey()));
        }
        HttpMessage unknownType = binary(CloudEventBuilder.v1(aliasEvent("c1", "production"))
                .withType("com.example.SOMETHING").build());
        post(unknownType).statusCode(400).body("field", equalTo("ce-type"));

        HttpMessage message = binary(aliasEvent("c1", "production"));
        post(message.headers(), new byte[0]).statusCode(400).body("field", equalTo("data"));
        post(message.headers(), "{not json".getBytes(StandardCharsets.UTF_8)).statusCode(400).body("field", equalTo("data"));
        post(message.headers(), "{\"entity\":\"acme\",\"project\":\"ingest\",\"collection\":\"c1\"}"
                .getBytes(StandardCharsets.UTF_8)).statusCode(400).body("field", equalTo("data.alias"));
        Map<String, String> textual = new LinkedHashMap<>(message.headers());
        textual.put("Content-Type", "text/plain");
        post(textual, message.body()).statusCode(415).body("error", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void anEventWithCeHeadersButNoSpecversionIsRefusedNamingTheHeader() {
        HttpMessage message = binary(aliasEvent("c1", "production"));
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        headers.remove("ce-specversion");
        post(headers, message.body()).statusCode(400).body("field", equalTo("ce-specversion"));
    }

    @Test
    void structuredModeRefusesAMissingAttributeOrAnUnknownSpecversion() {
        CloudEvent event = aliasEvent("c1", "production");
        String json = serialized(event);
        Map<String, String> structured = Map.of("Content-Type", JsonFormat.CONTENT_TYPE);
        post(structured, json.replace("\"id\":\"" + event.getId() + "\",", "").getBytes(StandardCharsets.UTF_8))
                .statusCode(400).body("field", equalTo("id"));
        post(structured, json.replace("\"specversion\":\"1.0\"", "\"specversion\":\"2.0\"").getBytes(StandardCharsets.UTF_8))
                .statusCode(400).body("field", equalTo("specversion"));
        post(structured, ("[" + json + "]").getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .body("error", equalTo("BAD_REQUEST"));
    }

    @Test
    void kafkaBinaryModeIsEvaluatedLikeAStructuredRecord() throws Exception {
        String collection = Fixtures.unique("kbin");
        AutomationDefinition automation = aliasAutomation(collection);
        CloudEvent event = aliasEvent(collection, "production");

        binaryProducer().send(new ProducerRecord<>(Topics.EVENTS, "acme/ingest/" + collection, event))
                .get(30, TimeUnit.SECONDS);

        Pipeline.awaitEventsEvaluated();
        List<ActionRequest> fired = Pipeline.kafka().actionsFor(automation.id());
        assertThat(fired).extracting(r -> r.event().id()).containsExactly(event.getId());
        assertThat(fired.get(0).event().source()).isEqualTo("/ml-platform/registry");
        assertThat(fired.get(0).event().time()).isAtSameInstantAs(event.getTime());
        assertThat(fired.get(0).event().data().get("collection").asText()).isEqualTo(collection);
    }

    @Test
    void kafkaStructuredModeIsEvaluated() throws Exception {
        String collection = Fixtures.unique("kstruct");
        AutomationDefinition automation = aliasAutomation(collection);
        CloudEvent event = aliasEvent(collection, "prod-structured");

        structuredProducer().send(new ProducerRecord<>(Topics.EVENTS, "acme/ingest/" + collection, event))
                .get(30, TimeUnit.SECONDS);

        Pipeline.awaitEventsEvaluated();
        assertThat(firedEvents(automation)).containsExactly(event.getId());
    }

    @Test
    void anUnreadableKafkaBinaryRecordIsCountedAndTheNextOneStillEvaluated() throws Exception {
        String collection = Fixtures.unique("kbad");
        AutomationDefinition automation = aliasAutomation(collection);
        double before = rejected("unreadable");
        // The SDK's binary encoding of an event, its ce_specversion then changed to one no CloudEvents SDK reads.
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
            value = serializer.serialize(Topics.EVENTS, headers, aliasEvent(collection, "prod-wrong-version"));
        }
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.2".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.EVENTS, null, collection, value, headers)).get(30, TimeUnit.SECONDS);
        }
        CloudEvent good = aliasEvent(collection, "prod-good");
        binaryProducer().send(new ProducerRecord<>(Topics.EVENTS, collection, good)).get(30, TimeUnit.SECONDS);

        Pipeline.awaitEventsEvaluated();
        assertThat(firedEvents(automation)).containsExactly(good.getId());
        assertThat(rejected("unreadable")).isEqualTo(before + 1);
    }

    private double rejected(String reason) {
        var counter = meters.find("trigger.records.rejected").tag("source", "events").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static synchronized KafkaProducer<String, CloudEvent> binaryProducer() {
        if (binaryProducer == null) {
            binaryProducer = producer(Encoding.BINARY);
        }
        return binaryProducer;
    }

    private static synchronized KafkaProducer<String, CloudEvent> structuredProducer() {
        if (structuredProducer == null) {
            structuredProducer = producer(Encoding.STRUCTURED);
        }
        return structuredProducer;
    }

    private static KafkaProducer<String, CloudEvent> producer(Encoding encoding) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, encoding);
        if (encoding == Encoding.STRUCTURED) {
            config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        }
        return new KafkaProducer<>(config);
    }

    private static byte[] json(Object value) {
        try {
            return Kafka.JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
