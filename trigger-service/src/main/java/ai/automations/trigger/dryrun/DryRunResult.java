package ai.automations.trigger.dryrun;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a dry-run found: whether the automation would fire, every check with its outcome, and the payload it would
 * send (secrets shown as {@code ***}).
 */
public record DryRunResult(boolean matched, List<String> reasons, JsonNode renderedPayload) {
}
