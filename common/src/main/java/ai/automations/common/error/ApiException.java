package ai.automations.common.error;

/**
 * A request that cannot be served, with the HTTP status and error body it should produce. Thrown (or failed with)
 * by services; mapped to a response by {@link ApiErrorMapper}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String message, String field) {
        return new ApiException(400, "BAD_REQUEST", message, field);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message, null);
    }

    public static ApiException conflict(String message, String field) {
        return new ApiException(409, "CONFLICT", message, field);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "TOO_LARGE", message, null);
    }

    public static ApiException unprocessable(String message, String field) {
        return new ApiException(422, "UNPROCESSABLE", message, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), field);
    }
}
