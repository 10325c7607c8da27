package ai.automations.common.validation;

import jakarta.validation.groups.Default;

/**
 * The validation group of a body that creates something: constraints in it (a name that a {@code PUT} may leave
 * out because the path already names the thing) apply only there, besides every default constraint.
 */
public interface OnCreate extends Default {
}
