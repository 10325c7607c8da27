package ai.automations.secrets.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where secret values live, how they are protected, and who may read them. */
@ConfigMapping(prefix = "automations.secrets")
public interface SecretsConfig {

    /** The store that holds secret values; metadata, audit and change notices are always in PostgreSQL. */
    @WithDefault("database")
    Backend backend();

    /** The largest secret value accepted, in UTF-8 bytes (413 above it). */
    @WithDefault("65536")
    int maxValueBytes();

    /** The most secrets one resolve call may ask for. */
    @WithDefault("100")
    int maxResolveNames();

    /**
     * The services allowed to call the internal resolve endpoint (names as in automations.auth.trusted-services):
     * action-service at send time, registry-service to verify the signatures of its sources' webhooks.
     */
    @WithDefault("action-service,registry-service")
    Set<String> resolveCallers();

    Database database();

    Vault vault();

    /** The value stores. */
    enum Backend {
        DATABASE, VAULT
    }

    /** The embedded store: AES-256-GCM envelope encryption in PostgreSQL. */
    interface Database {

        /** The key-encryption key: base64 of 32 random bytes. Required when the backend is {@code database}. */
        Optional<String> kek();

        /** The id stored with every data key wrapped by {@link #kek()}; give each new KEK a new id. */
        @WithDefault("kek-1")
        String kekId();

        /** Retired KEKs by id (base64 of 32 bytes), still used to unwrap data keys they wrapped. */
        Map<String, String> previousKeks();

        /** Re-wrap data keys still wrapped by a previous KEK with the current one, in the background. */
        @WithDefault("true")
        boolean rewrap();

        /** How often the re-wrap pass runs (scheduler expression; also read by {@code KeyRewrapJob}). */
        @WithDefault("10m")
        Duration rewrapInterval();
    }

    /** The production store: HashiCorp Vault (or OpenBao) KV version 2, reached through quarkus-vault. */
    interface Vault {

        /** The KV v2 mount path. */
        @WithDefault("secret")
        String mount();

        /** The path under the mount where this suite's secrets live: {@code <prefix>/<entity>/<name>}. */
        @WithDefault("automations")
        String pathPrefix();
    }
}
