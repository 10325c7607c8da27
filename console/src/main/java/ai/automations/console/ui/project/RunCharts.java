package ai.automations.console.ui.project;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.console.ui.web.Model;

/**
 * A run's metrics as the run page charts them: one entry per metric with its summary and its points as compact JSON
 * ({@code {"steps":[...],"values":[...]}}), which the page puts in an attribute for the chart script to read (the CSP
 * allows no inline script, and an attribute is escaped like any other text). A NaN or ±Infinity point (the API writes
 * them as strings) is charted as a gap, {@code null}; the summary shows it as text ({@code NaN}, {@code Infinity}).
 */
final class RunCharts {

    /** Points per metric a run page asks for: enough for a chart as wide as a laptop screen. */
    static final int POINTS_PER_CHART = 500;

    private RunCharts() {
    }

    /** The charts of {@code GET .../metrics} and {@code GET .../history} answers, in the metrics' order. */
    static List<Map<String, Object>> of(JsonNode metrics, JsonNode history, ObjectMapper json) {
        List<Map<String, Object>> charts = new ArrayList<>();
        JsonNode byName = history == null ? null : history.path("metrics");
        for (JsonNode metric : metrics == null ? List.<JsonNode>of() : metrics.path("metrics")) {
            String name = metric.path("name").asText();
            ObjectNode points = json.createObjectNode();
            ArrayNode steps = points.putArray("steps");
            ArrayNode values = points.putArray("values");
            for (JsonNode point : byName == null ? List.<JsonNode>of() : byName.path(name)) {
                steps.add(point.path("step").asLong());
                double value = point.path("value").asDouble();
                if (Double.isFinite(value)) {
                    values.add(value);
                } else {
                    values.addNull();
                }
            }
            charts.add(Model.of("name", name, "count", metric.path("count").asLong(),
                    "last", brief(metric.path("last").path("value").asDouble()),
                    "min", brief(metric.path("min").asDouble()), "max", brief(metric.path("max").asDouble()),
                    "shown", (long) steps.size(), "points", points.toString()));
        }
        return charts;
    }

    /** A value to read at a glance: four significant digits, in scientific notation when very small or large. */
    static String brief(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (value == 0 || (magnitude >= 1e-3 && magnitude < 1e6)) {
            return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
