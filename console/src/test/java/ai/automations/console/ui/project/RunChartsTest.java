package ai.automations.console.ui.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RunChartsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void valuesAreShownWithFourSignificantDigits() {
        assertThat(RunCharts.brief(0.9930914810605455)).isEqualTo("0.9931");
        assertThat(RunCharts.brief(-0.025404302465644738)).isEqualTo("-0.0254");
        assertThat(RunCharts.brief(1234.5)).isEqualTo("1235");
        assertThat(RunCharts.brief(0)).isEqualTo("0");
        assertThat(RunCharts.brief(1)).isEqualTo("1");
        assertThat(RunCharts.brief(0.00001234)).isEqualTo("1.234e-05");
        assertThat(RunCharts.brief(3.2e9)).isEqualTo("3.200e+09");
    }

    @Test
    void eachMetricOfTheSummaryGetsItsPointsAsCompactJson() throws Exception {
        JsonNode metrics = json.readTree("{\"metrics\":[{\"name\":\"acc\",\"count\":1,\"min\":1,\"max\":1,"
                + "\"last\":{\"step\":5,\"value\":1}},{\"name\":\"loss\",\"count\":4,\"min\":0.5,\"max\":0.9,"
                + "\"last\":{\"step\":9,\"value\":0.5}}]}");
        JsonNode history = json.readTree("{\"metrics\":{\"loss\":[{\"step\":0,\"value\":0.9},{\"step\":9,"
                + "\"value\":0.5}]}}");
        var charts = RunCharts.of(metrics, history, json);
        assertThat(charts).extracting(c -> c.get("name")).containsExactly("acc", "loss");
        assertThat(charts.get(1)).containsEntry("points", "{\"steps\":[0,9],\"values\":[0.9,0.5]}")
                .containsEntry("shown", 2L).containsEntry("count", 4L).containsEntry("last", "0.5");
        assertThat(charts.get(0)).containsEntry("points", "{\"steps\":[],\"values\":[]}");
        assertThat(RunCharts.of(json.readTree("[]"), json.readTree("[]"), json)).isEmpty();
    }

    @Test
    void aDivergedPointIsAGapInTheChartAndTextInTheSummary() throws Exception {
        JsonNode metrics = json.readTree("{\"metrics\":[{\"name\":\"loss\",\"count\":3,\"min\":0.5,"
                + "\"max\":\"NaN\",\"last\":{\"step\":2,\"value\":\"Infinity\"}}]}");
        JsonNode history = json.readTree("{\"metrics\":{\"loss\":[{\"step\":0,\"value\":0.5},{\"step\":1,"
                + "\"value\":\"NaN\"},{\"step\":2,\"value\":\"Infinity\"}]}}");
        var charts = RunCharts.of(metrics, history, json);
        assertThat(charts.get(0)).containsEntry("points", "{\"steps\":[0,1,2],\"values\":[0.5,null,null]}")
                .containsEntry("max", "NaN").containsEntry("last", "Infinity");
    }
}
