package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The Grafana dashboard and the PrometheusRule: off by default, rendered when enabled, the dashboard's JSON and the
 * rules' YAML well-formed, and every series they read one a service exports.
 */
class MonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A series name in PromQL: an identifier followed by its label matchers. */
    private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private static Manifests enabled;

    @BeforeAll
    static void render() {
        enabled = Chart.render(Chart.sets(
                "metrics.grafanaDashboard.enabled", "true",
                "metrics.prometheusRules.enabled", "true"));
    }

    private static JsonNode dashboard(Manifests manifests) throws Exception {
        ConfigMap map = manifests.configMap(Chart.RELEASE + "-dashboard").orElseThrow();
        return JSON.readTree(map.getData().get("automations.json"));
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(p -> {
            if (!"row".equals(p.path("type").asText())) {
                panels.add(p);
            }
        });
        return panels;
    }

    private static JsonNode rules(Manifests manifests) {
        List<GenericKubernetesResource> rules = manifests.ofKind("PrometheusRule");
        assertThat(rules).hasSize(1);
        return JSON.valueToTree(rules.get(0).getAdditionalProperties().get("spec"));
    }

    @Test
    void neitherIsRenderedUnlessEnabled() {
        assertThat(Renders.defaults().configMap(Chart.RELEASE + "-dashboard")).isEmpty();
        assertThat(Renders.defaults().ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    void theDashboardIsAConfigMapTheGrafanaSidecarLoads() throws Exception {
        ConfigMap map = enabled.configMap(Chart.RELEASE + "-dashboard").orElseThrow();
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = dashboard(enabled);
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        assertThat(panels(dashboard)).allSatisfy(panel -> {
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
        });
        assertThat(panels(dashboard)).extracting(p -> p.get("title").asText()).contains("Events in", "Events out",
                "Evaluation rate", "Firings", "Deliveries by status", "Retry backlog", "DLQ size", "Dead letters",
                "Outbox backlog", "Consumer lag", "Event → webhook latency");
    }

    @Test
    void theSidecarsLabelAndNamespaceAreValues() throws Exception {
        Manifests custom = Chart.render(Chart.sets("metrics.grafanaDashboard.enabled", "true",
                "metrics.grafanaDashboard.labels.grafana_dashboard", "automations",
                "metrics.grafanaDashboard.namespace", "monitoring"));
        ConfigMap map = custom.configMap(Chart.RELEASE + "-dashboard").orElseThrow();
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "automations");
        assertThat(map.getMetadata().getNamespace()).isEqualTo("monitoring");
    }

    @Test
    void theRulesAlertOnDeadLettersOutboxBacklogFailingDeliveriesAndConsumerLag() {
        JsonNode spec = rules(enabled);
        Set<String> alerts = new LinkedHashSet<>();
        spec.get("groups").forEach(group -> group.get("rules").forEach(rule -> {
            alerts.add(rule.get("alert").asText());
            String expr = rule.get("expr").asText();
            assertThat(balanced(expr)).as(expr).isTrue();
            assertThat(expr).as("the release's namespace").contains("namespace=\"" + Chart.NAMESPACE + "\"");
            assertThat(rule.path("labels").path("severity").asText()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).doesNotContain("<no value>");
        }));
        assertThat(alerts).containsExactlyInAnyOrder("AutomationsDeadLettersGrowing", "AutomationsOutboxBacklog",
                "AutomationsDeliveriesFailing", "AutomationsConsumerLag");
        assertThat(StrictModel.problems(enabled.yaml())).isEmpty();
    }

    @Test
    void thresholdsAreValues() {
        JsonNode spec = rules(Chart.render(Chart.sets("metrics.prometheusRules.enabled", "true",
                "metrics.prometheusRules.consumerLag.threshold", "500",
                "metrics.prometheusRules.consumerLag.for", "3m")));
        JsonNode lag = null;
        for (JsonNode rule : spec.get("groups").get(0).get("rules")) {
            if (rule.get("alert").asText().equals("AutomationsConsumerLag")) {
                lag = rule;
            }
        }
        assertThat(lag).isNotNull();
        assertThat(lag.get("expr").asText()).endsWith("> 500");
        assertThat(lag.get("for").asText()).isEqualTo("3m");
    }

    @Test
    void everySeriesTheDashboardAndTheRulesReadIsOneAServiceExports() throws Exception {
        Set<String> read = new LinkedHashSet<>();
        JsonNode dashboard = dashboard(enabled);
        panels(dashboard).forEach(p -> p.get("targets").forEach(t -> read.addAll(series(t.get("expr").asText()))));
        dashboard.path("templating").path("list").forEach(v -> {
            Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
            while (m.find()) {
                read.add(m.group(1));
            }
        });
        rules(enabled).get("groups").forEach(g -> g.get("rules").forEach(r -> read.addAll(series(r.get("expr").asText()))));

        assertThat(read).contains("automations_event_to_delivery_seconds_bucket", "automations_dead_letters_total",
                "automations_dead_letters_backlog",
                "automations_outbox_backlog", "kafka_consumer_fetch_manager_records_lag_max");
        assertThat(read).isSubsetOf(MeterNames.exported());
    }

    @Test
    void theMeterNamesAreLearntFromTheSources() {
        assertThat(MeterNames.exported()).contains("automations_deliveries_total", "trigger_firings_total",
                "trigger_evaluation_seconds_count", "automations_executions_pending", "automations_outbox_backlog",
                "automations_outbox_published_total").doesNotContain("automations_no_such_meter_total");
    }

    private static Set<String> series(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SERIES.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static boolean balanced(String expr) {
        Map<Character, Character> pairs = Map.of(')', '(', ']', '[', '}', '{');
        StringBuilder stack = new StringBuilder();
        for (char c : expr.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                stack.append(c);
            } else if (pairs.containsKey(c)) {
                if (stack.isEmpty() || stack.charAt(stack.length() - 1) != pairs.get(c)) {
                    return false;
                }
                stack.setLength(stack.length() - 1);
            }
        }
        return stack.isEmpty();
    }
}
