package ai.automations.common.where;

/**
 * A {@code where} expression that cannot be compiled. {@link #path()} names the offending node as the API does
 * ({@code $and[0].alias.$regex}, relative to the expression); {@link #unprocessable()} tells a well-formed expression
 * that breaks a limit or holds a regex RE2 refuses (422) from a malformed one (400).
 */
public class WhereException extends RuntimeException {

    private final String path;
    private final boolean unprocessable;

    public WhereException(String path, String message, boolean unprocessable) {
        super(message, null, false, false);
        this.path = path;
        this.unprocessable = unprocessable;
    }

    /** The offending node, relative to the expression; empty for the expression itself. */
    public String path() {
        return path;
    }

    public boolean unprocessable() {
        return unprocessable;
    }

    /** The path under a prefix such as {@code event.filter.where}. */
    public String pathUnder(String prefix) {
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}
