package ai.automations.console.ui.api;

/**
 * An API call answered with an error: the status and the API's own error JSON ({@code error}, {@code message},
 * {@code field}), so that pages show the user the service's sentence rather than a generic failure.
 */
public class ApiCallException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    public ApiCallException(int status, String error, String message, String field) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    /** The sentence shown on the page, naming the field when the API named one. */
    public String userMessage() {
        return field == null || field.isBlank() ? getMessage() : getMessage() + " (field: " + field + ")";
    }
}
