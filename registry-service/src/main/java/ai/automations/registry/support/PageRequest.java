package ai.automations.registry.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import ai.automations.common.error.ApiException;

/**
 * A list request's {@code ?limit=&cursor=}. The cursor is the opaque form of the sort key of the last item of the
 * previous page; lists are sorted by a unique key so pages never overlap or skip.
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT + ".", "limit");
        }
        return new PageRequest(size, cursor == null || cursor.isEmpty() ? null : decode(cursor));
    }

    /** The key after which this page starts, as an integer (for lists sorted by a number). */
    public Integer afterInt() {
        if (after == null) {
            return null;
        }
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    private static ApiException invalidCursor() {
        return ApiException.badRequest("'cursor' is not a cursor this service handed out.", "cursor");
    }
}
