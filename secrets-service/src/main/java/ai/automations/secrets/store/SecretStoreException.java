package ai.automations.secrets.store;

import ai.automations.common.error.ApiException;

/**
 * A value store failed: unreachable, refused, or a value that does not decrypt. Its message names the secret and the
 * reason, never a value, and the response is a 503 (store down) or 500 (stored value unusable).
 */
public class SecretStoreException extends ApiException {

    private SecretStoreException(int status, String code, String message) {
        super(status, code, message, null);
    }

    /** The store could not be reached or refused the operation; retrying later may work. */
    public static SecretStoreException unavailable(String message) {
        return new SecretStoreException(503, "UNAVAILABLE", message);
    }

    /** The stored value is unusable (tampered, wrong key, missing); retrying will not help. */
    public static SecretStoreException unreadable(String message) {
        return new SecretStoreException(500, "SECRET_UNREADABLE", message);
    }
}
