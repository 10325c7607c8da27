package ai.automations.secrets.vault;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A stateful, Vault-shaped KV version 2 engine for WireMock: the real paths ({@code /v1/<mount>/data/<path>},
 * {@code /v1/<mount>/metadata/<path>}), the {@code X-Vault-Token} header, Kubernetes login at
 * {@code /v1/auth/kubernetes/login} and token renewal at {@code /v1/auth/token/renew-self}, Vault's JSON shapes (including {@code data.data}/{@code data.metadata} on reads and
 * the bare version metadata on writes), versions, check-and-set, soft delete and metadata delete. It is a double of
 * Vault's HTTP protocol, not Vault: policies, leases and namespaces are not modelled.
 */
public class VaultKv2Double implements ResponseDefinitionTransformerV2 {

    /** One KV entry: its versions, oldest first. */
    public static final class Entry {
        final List<Version> versions = new ArrayList<>();
        final Instant createdTime = Instant.now();
        Instant updatedTime = createdTime;

        public int currentVersion() {
            return versions.size();
        }

        /** The data of a version (1-based), or null when deleted or destroyed. */
        public Map<String, Object> data(int version) {
            Version v = versions.get(version - 1);
            return v.deletionTime == null && !v.destroyed ? v.data : null;
        }
    }

    record Version(Map<String, Object> data, Instant createdTime, Instant deletionTime, boolean destroyed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Vault's default token TTL (768h), longer than quarkus-vault's renew grace period (1h). */
    private static final int TOKEN_TTL_SECONDS = 2_764_800;

    private final String mount;
    private final String jwt;
    private final String role;
    private final String staticToken;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile int outageStatus;

    public VaultKv2Double(String mount, String jwt, String role, String staticToken) {
        this.mount = mount;
        this.jwt = jwt;
        this.role = role;
        this.staticToken = staticToken;
        tokens.add(staticToken);
    }

    @Override
    public String getName() {
        return "vault-kv2";
    }

    /** The entry at a path under the mount (e.g. {@code teams/acme/TOKEN}), or null. */
    public Entry entry(String path) {
        return entries.get(path);
    }

    /** "METHOD path token-ok" for every request served, in order. */
    public List<String> requests() {
        return List.copyOf(log);
    }

    public int logins() {
        return logins.get();
    }

    /** While set, every KV request answers this status (e.g. 503: sealed), as an unavailable Vault would. */
    public void outage(int status) {
        outageStatus = status;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod().getName();
        String url = request.getUrl();
        int query = url.indexOf('?');
        String path = URLDecoder.decode(query < 0 ? url : url.substring(0, query), StandardCharsets.UTF_8);
        if (path.equals("/v1/auth/kubernetes/login") && method.equals("POST")) {
            log.add(method + " " + path);
            return login(request);
        }
        String token = request.getHeader("X-Vault-Token");
        boolean authorized = token != null && tokens.contains(token);
        log.add(method + " " + path + (authorized ? " token-ok" : " no-token"));
        if (!authorized) {
            return error(403, "permission denied");
        }
        if (path.equals("/v1/auth/token/renew-self") && method.equals("POST")) {
            Map<String, Object> response = envelope(null);
            response.put("auth", auth(token));
            return ok(response);
        }
        if (outageStatus != 0) {
            return error(outageStatus, "Vault is sealed");
        }
        String dataPrefix = "/v1/" + mount + "/data/";
        String metadataPrefix = "/v1/" + mount + "/metadata/";
        if (path.startsWith(dataPrefix)) {
            String key = path.substring(dataPrefix.length());
            return switch (method) {
                case "GET" -> read(key, request.queryParameter("version"));
                case "POST", "PUT" -> write(key, request.getBodyAsString());
                case "DELETE" -> softDelete(key);
                default -> error(405, "unsupported operation");
            };
        }
        if (path.startsWith(metadataPrefix)) {
            String key = path.substring(metadataPrefix.length());
            return switch (method) {
                case "GET" -> metadata(key);
                case "DELETE" -> {
                    entries.remove(key);
                    yield ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                }
                default -> error(405, "unsupported operation");
            };
        }
        return error(404, "no handler for route \"" + path.substring(Math.min(path.length(), 4)) + "\"");
    }

    private ResponseDefinition login(Request request) {
        Map<String, Object> body = parse(request.getBodyAsString());
        if (!role.equals(body.get("role"))) {
            return error(400, "invalid role name \"" + body.get("role") + "\"");
        }
        if (!jwt.equals(body.get("jwt"))) {
            return error(403, "permission denied");
        }
        logins.incrementAndGet();
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        Map<String, Object> response = envelope(null);
        response.put("auth", auth(token));
        return ok(response);
    }

    private Map<String, Object> auth(String token) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token);
        auth.put("accessor", UUID.randomUUID().toString());
        auth.put("policies", List.of("default", "automations-secrets"));
        auth.put("token_policies", List.of("default", "automations-secrets"));
        auth.put("metadata", Map.of("role", role, "service_account_name", "secrets-service"));
        auth.put("lease_duration", TOKEN_TTL_SECONDS);
        auth.put("renewable", true);
        auth.put("entity_id", UUID.randomUUID().toString());
        auth.put("token_type", "service");
        auth.put("orphan", true);
        auth.put("num_uses", 0);
        return auth;
    }

    private ResponseDefinition read(String key, QueryParameter versionParam) {
        Entry entry = entries.get(key);
        if (entry == null || entry.versions.isEmpty()) {
            return notFound();
        }
        int version = versionParam != null && versionParam.isPresent() && !versionParam.firstValue().equals("0")
                ? Integer.parseInt(versionParam.firstValue())
                : entry.currentVersion();
        if (version < 1 || version > entry.currentVersion() || entry.data(version) == null) {
            return notFound();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data", entry.data(version));
        data.put("metadata", versionMetadata(entry.versions.get(version - 1), version));
        return ok(envelope(data));
    }

    private ResponseDefinition write(String key, String body) {
        Map<String, Object> request = parse(body);
        Object data = request.get("data");
        if (!(data instanceof Map<?, ?> map)) {
            return error(400, "no data provided");
        }
        Entry entry = entries.computeIfAbsent(key, ignored -> new Entry());
        if (request.get("options") instanceof Map<?, ?> options && options.get("cas") instanceof Number cas
                && cas.intValue() != entry.currentVersion()) {
            return error(400, "check-and-set parameter did not match the current version");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) map);
        Version version = new Version(values, Instant.now(), null, false);
        entry.versions.add(version);
        entry.updatedTime = version.createdTime();
        return ok(envelope(versionMetadata(version, entry.currentVersion())));
    }

    private ResponseDefinition softDelete(String key) {
        Entry entry = entries.get(key);
        if (entry != null && !entry.versions.isEmpty()) {
            int last = entry.currentVersion() - 1;
            Version v = entry.versions.get(last);
            entry.versions.set(last, new Version(v.data(), v.createdTime(), Instant.now(), false));
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition metadata(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return notFound();
        }
        Map<String, Object> versions = new LinkedHashMap<>();
        for (int i = 0; i < entry.versions.size(); i++) {
            Version v = entry.versions.get(i);
            versions.put(String.valueOf(i + 1), Map.of("created_time", v.createdTime().toString(),
                    "deletion_time", v.deletionTime() == null ? "" : v.deletionTime().toString(),
                    "destroyed", v.destroyed()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cas_required", false);
        data.put("created_time", entry.createdTime.toString());
        data.put("current_version", entry.currentVersion());
        data.put("custom_metadata", null);
        data.put("delete_version_after", "0s");
        data.put("max_versions", 0);
        data.put("oldest_version", 0);
        data.put("updated_time", entry.updatedTime.toString());
        data.put("versions", versions);
        return ok(envelope(data));
    }

    private static Map<String, Object> versionMetadata(Version version, int number) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_time", version.createdTime().toString());
        metadata.put("custom_metadata", null);
        metadata.put("deletion_time", version.deletionTime() == null ? "" : version.deletionTime().toString());
        metadata.put("destroyed", version.destroyed());
        metadata.put("version", number);
        return metadata;
    }

    private static Map<String, Object> envelope(Object data) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_id", UUID.randomUUID().toString());
        response.put("lease_id", "");
        response.put("renewable", false);
        response.put("lease_duration", 0);
        response.put("data", data);
        response.put("wrap_info", null);
        response.put("warnings", null);
        response.put("auth", null);
        return response;
    }

    private static ResponseDefinition ok(Map<String, Object> body) {
        return json(200, body);
    }

    private static ResponseDefinition notFound() {
        return json(404, Map.of("errors", List.of()));
    }

    private static ResponseDefinition error(int status, String message) {
        return json(status, Map.of("errors", List.of(message)));
    }

    private static ResponseDefinition json(int status, Object body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> parse(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, new TypeReference<>() {
            });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
