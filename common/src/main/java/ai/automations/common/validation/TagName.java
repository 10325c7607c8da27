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
 * A version's tag: a {@link ResourceName} that may also hold {@code =}, so that {@code key=value} tags (as mirrored
 * from MLflow) can be named. {@code null} is valid: combine with {@code @NotNull} where the field is required.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = NamePatterns.TAG)
@ReportAsSingleViolation
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface TagName {

    String message() default "must be 1-128 letters, digits, '_', '.', '=' or '-', starting with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
