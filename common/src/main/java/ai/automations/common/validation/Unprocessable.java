package ai.automations.common.validation;

import jakarta.validation.Payload;

/**
 * Marks a constraint whose violation means "valid JSON, invalid meaning" (a regex that does not compile): the
 * contract answers it with 422 instead of 400.
 */
public interface Unprocessable extends Payload {
}
