package ai.automations.common.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a constraint annotation whose violation means "valid JSON, invalid meaning" (a regex that does not compile):
 * the contract answers it with 422 instead of 400.
 */
@Documented
@Target(ANNOTATION_TYPE)
@Retention(RUNTIME)
public @interface Unprocessable {
}
