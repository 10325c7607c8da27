package ai.automations.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A regular expression a user writes: it must compile under RE2 (linear-time matching, no backreferences), the
 * syntax the suite matches it with. A violation is a 422 ({@link Unprocessable}); {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = Re2jRegexValidator.class)
@Unprocessable
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Re2jRegex {

    String message() default "is not a valid regular expression (RE2 syntax): {reason}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
