package ai.automations.console.ui.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds {@code /api/v1/...} paths from user-given names, each segment percent-encoded. */
public final class ApiPath {

    private ApiPath() {
    }

    /** {@code /api/v1/} followed by the segments; a segment may contain {@code /} only when it is literal. */
    public static String of(Object... segments) {
        StringBuilder path = new StringBuilder("/api/v1");
        for (Object segment : segments) {
            path.append('/').append(encode(String.valueOf(segment)));
        }
        return path.toString();
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
