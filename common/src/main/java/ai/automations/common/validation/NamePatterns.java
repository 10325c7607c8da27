package ai.automations.common.validation;

/**
 * The contract's name rules as regular expressions (ours, not users', so Java syntax): the constraint annotations
 * use them, and so may code that checks a name taken from a path.
 */
public final class NamePatterns {

    /** An entity, project, registry, collection, artifact type, tag or run id. */
    public static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}";
    /** A version's tag: a {@link #NAME} that may also hold {@code =}, for {@code key=value} tags (MLflow's). */
    public static final String TAG = "[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}";
    /** A {@link #NAME} that does not look like a version index ({@code v<digits>}). */
    public static final String ALIAS = "(?!v\\d+$)" + NAME;
    /** A team secret. */
    public static final String SECRET = "[A-Za-z_][A-Za-z0-9_]{0,127}";
    /** An integration: words separated by spaces, at most 64 characters. */
    public static final String INTEGRATION = "(?=.{1,64}$)[-\\w]+( +[-\\w]+)*";

    private NamePatterns() {
    }
}
