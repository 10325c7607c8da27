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
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A finite number: JSON has no infinity, but a literal such as {@code 1e999} reads as one, and it would poison every
 * aggregate it enters. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = Finite.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Finite {

    String message() default "must be a finite number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** {@link Double#isFinite}. */
    class Validator implements ConstraintValidator<Finite, Number> {

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || Double.isFinite(value.doubleValue());
        }
    }
}
