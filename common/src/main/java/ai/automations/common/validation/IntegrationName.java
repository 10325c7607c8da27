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
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * An integration's name.
 * {@code null} is valid: combine with {@code @NotNull} where the field is required.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = NamePatterns.INTEGRATION)
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface IntegrationName {

    String message() default "must be at most 64 characters of words (letters, digits, '_', '-') separated by spaces";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
