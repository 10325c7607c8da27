package ai.automations.common.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.automation.AutomationDefinition;
import ai.automations.common.event.CloudEvent;
import ai.automations.common.event.EventType;

class PayloadTemplateTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    private TemplateVariables aliasEvent() throws Exception {
        AutomationDefinition automation = new AutomationDefinition("a1", "acme", "deploy", null, true, null, null, null,
                null, null, null);
        CloudEvent event = CloudEvent.of("e1", "/test", EventType.ADD_ARTIFACT_ALIAS, null, OffsetDateTime.now(),
                read("""
                        {"entity":"acme","registry":"model","collection":"fraud","version":"v3","versionIndex":3,
                         "versionString":"acme/model/fraud:v3","alias":"production","author":"ana",
                         "metadata":{"accuracy":0.93,"note":"say \\"hi\\"","nested":{"k":"deep"}}}"""));
        return TemplateVariables.of(automation, event);
    }

    @Test
    void wholeVariableKeepsItsJsonTypeAndTextIsSubstitutedEscaped() throws Exception {
        PayloadTemplate template = new PayloadTemplate(read("""
                {"event":"${event_type}","index":"${artifact_version_index}","acc":"${artifact_metadata.accuracy}",
                 "deep":"${artifact_metadata.nested.k}","text":"${alias} of ${artifact_version_string} ${artifact_metadata.note}",
                 "list":["${automation_name}", 7],"missing":"${run_name}","inline":"run=${run_name}."}"""));
        JsonNode out = template.render(aliasEvent(), Map.of());
        assertThat(out.get("event").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(out.get("index").isInt()).isTrue();
        assertThat(out.get("index").asInt()).isEqualTo(3);
        assertThat(out.get("acc").isDouble()).isTrue();
        assertThat(out.get("deep").asText()).isEqualTo("deep");
        assertThat(out.get("text").asText()).isEqualTo("production of acme/model/fraud:v3 say \"hi\"");
        assertThat(json.writeValueAsString(out.get("text"))).contains("\\\"hi\\\"");
        assertThat(out.get("list").get(0).asText()).isEqualTo("deploy");
        assertThat(out.get("list").get(1).asInt()).isEqualTo(7);
        assertThat(out.get("missing").asText()).isEmpty();
        assertThat(out.get("inline").asText()).isEqualTo("run=.");
    }

    /** Issue 13's variables on a run event: W&B's names for the run, its tags and config, the event time, links. */
    @Test
    void runStatusTagsConfigEventTimeAndConsoleLinks() throws Exception {
        AutomationDefinition automation = new AutomationDefinition("a 1", "acme", "notify", null, true, null, null,
                null, null, null, null);
        CloudEvent event = CloudEvent.of("e2", "/test", EventType.RUN_STATE, null,
                OffsetDateTime.parse("2026-12-01T18:30:05.250Z"), read("""
                        {"entity":"acme","project":"fraud detection","runId":"r-7","runName":"train-7","state":"FAILED",
                         "tags":["baseline","gpu"],"config":{"lr":0.001,"optimizer":{"name":"adam"},"a.b":"dotted"}}"""));
        PayloadTemplate template = new PayloadTemplate(read("""
                {"status":"${run_status}","tags":"${run_tags}","tagsText":"tags=${run_tags}","lr":"${run_config.lr}",
                 "opt":"${run_config.optimizer.name}","dotted":"${run_config.a.b}","none":"${run_config.missing}",
                 "at":"${event_time}","automation":"${automation_url}","run":"${run_url}","artifact":"${artifact_url}"}"""));

        JsonNode out = template.render(TemplateVariables.of(automation, event, "https://automations.example.com/"),
                Map.of());

        assertThat(out.get("status").asText()).isEqualTo("FAILED");
        assertThat(out.get("tags").toString()).isEqualTo("[\"baseline\",\"gpu\"]");
        assertThat(out.get("tagsText").asText()).isEqualTo("tags=[\"baseline\",\"gpu\"]");
        assertThat(out.get("lr").isDouble()).isTrue();
        assertThat(out.get("lr").asDouble()).isEqualTo(0.001);
        assertThat(out.get("opt").asText()).isEqualTo("adam");
        assertThat(out.get("dotted").asText()).isEqualTo("dotted");
        assertThat(out.get("none").asText()).isEmpty();
        assertThat(out.get("at").asText()).isEqualTo("2026-12-01T18:30:05.25Z");
        assertThat(out.get("automation").asText())
                .isEqualTo("https://automations.example.com/entities/acme/automations/a%201/edit");
        assertThat(out.get("run").asText())
                .isEqualTo("https://automations.example.com/entities/acme/projects/fraud%20detection/runs/r-7");
        assertThat(out.get("artifact").asText()).as("a run event has no artifact").isEmpty();
        assertThat(template.secretNames()).isEmpty();
    }

    @Test
    void artifactUrlPointsAtTheVersionPageOfItsRegistryOrProjectCollection() throws Exception {
        PayloadTemplate template = new PayloadTemplate(read("{\"a\":\"${artifact_url}\",\"r\":\"${run_url}\"}"));
        JsonNode registry = template.render(TemplateVariables.of(null, CloudEvent.of("e3", "/t",
                EventType.LINK_ARTIFACT, null, null, read("""
                        {"entity":"acme","registry":"model","collection":"fraud","version":"v3"}""")),
                "http://127.0.0.1:8080"), Map.of());
        assertThat(registry.get("a").asText())
                .isEqualTo("http://127.0.0.1:8080/entities/acme/collections/registries/model/fraud/versions/v3");
        assertThat(registry.get("r").asText()).isEmpty();
        JsonNode project = template.render(TemplateVariables.of(null, CloudEvent.of("e4", "/t",
                EventType.CREATE_ARTIFACT, null, null, read("""
                        {"entity":"acme","project":"p","collection":"c","version":"v0"}""")),
                "http://127.0.0.1:8080"), Map.of());
        assertThat(project.get("a").asText())
                .isEqualTo("http://127.0.0.1:8080/entities/acme/collections/projects/p/c/versions/v0");
        JsonNode noBase = template.render(TemplateVariables.of(null, CloudEvent.of("e5", "/t",
                EventType.CREATE_ARTIFACT, null, null, read("""
                        {"entity":"acme","project":"p","collection":"c","version":"v0"}"""))), Map.of());
        assertThat(noBase.get("a").asText()).as("no public URL, no links").isEmpty();
    }

    @Test
    void secretsAreNamedResolvedAndRedactable() throws Exception {
        PayloadTemplate template = new PayloadTemplate(read("""
                {"token":"${ACCESS_TOKEN}","auth":"Bearer ${DEPLOY_KEY}","who":"${event_author}"}"""));
        assertThat(template.secretNames()).containsExactlyInAnyOrder("ACCESS_TOKEN", "DEPLOY_KEY");
        JsonNode sent = template.render(aliasEvent(), Map.of("ACCESS_TOKEN", "t0k", "DEPLOY_KEY", "k3y"));
        assertThat(sent.get("token").asText()).isEqualTo("t0k");
        assertThat(sent.get("auth").asText()).isEqualTo("Bearer k3y");
        JsonNode shown = template.render(aliasEvent(), PayloadTemplate.redacted(template.secretNames()));
        assertThat(shown.toString()).doesNotContain("t0k").doesNotContain("k3y");
        assertThat(shown.get("auth").asText()).isEqualTo("Bearer ***");
        assertThat(shown.get("who").asText()).isEqualTo("ana");
    }

    @Test
    void absentPayloadIsAnEmptyObject() throws Exception {
        assertThat(new PayloadTemplate(null).render(aliasEvent(), Map.of()).toString()).isEqualTo("{}");
    }

    @Test
    void placeholdersThatCannotNameASecretAreNotSecretsAndRenderEmpty() throws Exception {
        PayloadTemplate template = new PayloadTemplate(read("""
                {"a":"${not-a-secret}","b":"x${some.thing}y","c":"${DEPLOY_KEY}"}"""));
        assertThat(template.secretNames()).containsExactly("DEPLOY_KEY");
        JsonNode out = template.render(aliasEvent(), Map.of("not-a-secret", "leak", "some.thing", "leak", "DEPLOY_KEY", "k"));
        assertThat(out.get("a").asText()).isEmpty();
        assertThat(out.get("b").asText()).isEqualTo("xy");
        assertThat(out.get("c").asText()).isEqualTo("k");
    }

    @Test
    void entityNameFallsBackToTheAutomationsEntity() throws Exception {
        AutomationDefinition automation = new AutomationDefinition("a1", "globex", "notify", null, true, null, null,
                null, null, null, null);
        CloudEvent external = CloudEvent.of("e2", "/external", EventType.RUN_STATE, null, OffsetDateTime.now(),
                read("""
                        {"runId":"r1","runName":"bert","state":"FAILED","user":"kim"}"""));
        JsonNode out = new PayloadTemplate(read("""
                {"entity":"${entity_name}","run":"${run_name}","state":"${run_state}","who":"${event_author}"}"""))
                .render(TemplateVariables.of(automation, external), Map.of());
        assertThat(out.get("entity").asText()).isEqualTo("globex");
        assertThat(out.get("run").asText()).isEqualTo("bert");
        assertThat(out.get("state").asText()).isEqualTo("FAILED");
        assertThat(out.get("who").asText()).isEqualTo("kim");
    }
}
