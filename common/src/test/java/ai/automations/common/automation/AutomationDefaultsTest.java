package ai.automations.common.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import ai.automations.common.event.EventType;
import ai.automations.common.testing.DocumentedEndpoints;

/**
 * Every default {@link AutomationDefaults} fills in is the one the contract's table of events and filters gives in
 * brackets (docs/api.md holds that table as the contract wrote it), and a field the table gives no default stays
 * absent.
 */
class AutomationDefaultsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \\|[^|]*\\| (.*) \\|$");
    private static final Pattern FIELD = Pattern.compile("`([a-zA-Z]+)`(?: \\([^)]*\\))?(?: \\[([^\\]]+)])?");

    @Test
    void everyFilterDefaultIsTheContracts() throws IOException {
        Map<EventType, Map<String, String>> table = contractTable();
        assertThat(table).containsOnlyKeys(EventType.values());
        int defaults = 0;
        for (Map.Entry<EventType, Map<String, String>> row : table.entrySet()) {
            EventFilter filled = AutomationDefaults.filter(row.getKey(), EventFilter.empty());
            for (RecordComponent component : EventFilter.class.getRecordComponents()) {
                String expected = row.getValue().get(component.getName());
                Object actual = value(component, filled);
                if (expected == null) {
                    assertThat(actual).as(row.getKey() + " " + component.getName() + " has no default").isNull();
                } else {
                    assertThat(String.valueOf(actual)).as(row.getKey() + " " + component.getName())
                            .isEqualTo(expected);
                    defaults++;
                }
            }
        }
        assertThat(defaults).as("bracketed defaults in the contract's table").isEqualTo(10);
    }

    @Test
    void anAutomationIsEnabledAndAWebhookPayloadIsAnEmptyObjectUnlessGiven() {
        assertThat(AutomationDefaults.enabled(null)).isTrue();
        assertThat(AutomationDefaults.enabled(false)).isFalse();
        assertThat(AutomationDefaults.payload(null)).isEqualTo(JsonNodeFactory.instance.objectNode());
        assertThat(AutomationDefaults.payload(JsonNodeFactory.instance.textNode("x")).asText()).isEqualTo("x");
    }

    @Test
    void givenValuesAreKept() {
        EventFilter given = new EventFilter(null, null, "loss", EventFilter.Aggregation.MAX, 7, Comparison.LT, 0.5,
                null, null, null, null, null, null, null, null);
        assertThat(AutomationDefaults.filter(EventType.RUN_METRIC_THRESHOLD, given)).isEqualTo(given);
    }

    /** Event type → (filter field → bracketed default, or null when the field has none). */
    private static Map<EventType, Map<String, String>> contractTable() throws IOException {
        Map<EventType, Map<String, String>> table = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DocumentedEndpoints.reference())) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher field = FIELD.matcher(row.group(2));
            while (field.find()) {
                fields.put(field.group(1), field.group(2));
            }
            for (String type : row.group(1).replace("`", "").split(", ")) {
                table.put(EventType.valueOf(type), fields);
            }
        }
        return table;
    }

    private static Object value(RecordComponent component, EventFilter filter) {
        try {
            return component.getAccessor().invoke(filter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
