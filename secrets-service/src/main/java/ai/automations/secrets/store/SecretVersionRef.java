package ai.automations.secrets.store;

import java.nio.charset.StandardCharsets;

/** One version of one secret of one entity: what a stored value belongs to. */
public record SecretVersionRef(String entity, String name, int version) {

    /**
     * The associated data bound into every ciphertext of this version, so that a value cannot be moved to another
     * entity, name or version without decryption failing.
     */
    public byte[] associatedData() {
        return ("automations/secret/v1\u0000" + entity + "\u0000" + name + "\u0000" + version)
                .getBytes(StandardCharsets.UTF_8);
    }
}
