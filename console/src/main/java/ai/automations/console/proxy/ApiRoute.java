package ai.automations.console.proxy;

import java.util.regex.Pattern;

/**
 * One entry of the public routing table: requests whose path matches {@code path} (a regular expression anchored at
 * the start, case-insensitive, as ingress-nginx reads it) belong to {@code service}, a key of the chart's
 * {@code .Values.services}.
 */
public record ApiRoute(String path, String service, Pattern pattern) {

    public ApiRoute(String path, String service) {
        this(path, service, Pattern.compile("^" + path, Pattern.CASE_INSENSITIVE));
    }

    /** Whether a request path belongs to this route. */
    public boolean matches(String requestPath) {
        return pattern.matcher(requestPath).find();
    }
}
