package ai.automations.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Compiles the value with RE2J; the compiler's own description of the error goes into the message. */
public class Re2jRegexValidator implements ConstraintValidator<Re2jRegex, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String reason = problem(value);
        if (reason == null) {
            return true;
        }
        // A message parameter is inserted as text, never interpolated: the user's regex cannot inject expressions.
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("reason", reason);
        return false;
    }

    /** Why {@code regex} does not compile under RE2, or {@code null} when it does (or is absent). */
    public static String problem(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }
}
