package ai.automations.action.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a message sends a person who wants to see an automation's executions: the console's executions page filtered
 * to the automation when a console is configured, otherwise action-service's executions API (the service that serves
 * them). Without an automation, the console's or the API's address itself.
 */
final class ExecutionLinks {

    private ExecutionLinks() {
    }

    static String executions(LinksConfig config, String entity, String automationId) {
        String console = config.consoleUrl().map(String::trim).filter(url -> !url.isEmpty()).orElse(null);
        if (console != null) {
            String entityPage = stripSlash(console) + "/entities/" + encode(entity) + "/executions";
            return automationId == null ? stripSlash(console) : entityPage + "?automation=" + encode(automationId);
        }
        String api = stripSlash(config.publicUrl());
        return automationId == null ? api
                : api + "/api/v1/entities/" + encode(entity) + "/automations/" + encode(automationId) + "/executions";
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
