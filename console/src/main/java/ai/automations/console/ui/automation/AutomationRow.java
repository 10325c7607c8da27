package ai.automations.console.ui.automation;

import java.util.Map;

import io.quarkus.qute.TemplateData;

/** An automation as the list shows it: the definition and its most recent execution (null when none yet). */
@TemplateData
public record AutomationRow(Map<String, Object> automation, Map<String, Object> last) {
}
