package ai.automations.common.where;

/**
 * What a {@code where} filter looks at: the value of each field for one event. Values are what Jackson reads JSON
 * into ({@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map}); {@code null} means the field is
 * absent (or JSON {@code null}), which no comparison matches.
 */
@FunctionalInterface
public interface WhereSubject {

    /** The value of {@code field} (for {@link WhereField#METADATA} and {@link WhereField#CONFIG}, the whole object). */
    Object value(WhereField field);
}
