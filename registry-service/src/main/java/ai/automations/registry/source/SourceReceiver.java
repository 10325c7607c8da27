package ai.automations.registry.source;

import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.error.ApiException;
import ai.automations.registry.artifact.ArtifactMirror;
import ai.automations.registry.artifact.ArtifactMirror.Target;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.project.Project;
import ai.automations.registry.registry.Registry;
import ai.automations.registry.support.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Receives a source's webhook deliveries: the body limit (413), the source and its registry (404), the signature or
 * secret (401, counted, nothing recorded), the body (400), the event (202 when not mapped, counted), then, in one
 * transaction, the delivery's key (a replay: 200 and no change) and its registry changes, whose events leave through
 * the outbox like the API's.
 */
@ApplicationScoped
public class SourceReceiver {

    /** What the receiver needs of a source, read before the delivery is verified. */
    private record Found(Source source, String entity) {
    }

    /** The headers a delivery may carry (names as the external registries send them). */
    public record Headers(String mlflowSignature, String mlflowTimestamp, String mlflowDeliveryId,
            String hubSecret, Long contentLength) {
    }

    private final Tx tx;
    private final SourceSecrets secrets;
    private final ArtifactMirror mirror;
    private final SourcesConfig config;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final MeterRegistry metrics;

    public SourceReceiver(Tx tx, SourceSecrets secrets, ArtifactMirror mirror, SourcesConfig config, ObjectMapper json,
            InstantSource clock, MeterRegistry metrics) {
        this.tx = tx;
        this.secrets = secrets;
        this.mirror = mirror;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Fails fast on a declared length over the limit, before the body is read. */
    public void checkLength(Long contentLength) {
        if (contentLength != null && contentLength > config.maxBodyBytes()) {
            throw tooLarge();
        }
    }

    public Uni<Response> receive(String id, Headers headers, byte[] body) {
        checkLength(headers.contentLength());
        if (body != null && body.length > config.maxBodyBytes()) {
            throw tooLarge();
        }
        byte[] bytes = body == null ? new byte[0] : body;
        UUID sourceId = sourceId(id);
        return tx.read(() -> Source.<Source>findById(sourceId).flatMap(source -> {
            if (source == null) {
                throw noSource(id);
            }
            return EntityNamespace.<EntityNamespace>findById(source.entityId).flatMap(entity -> Registry
                    .KIND.find(entity.id, source.registry).map(registry -> {
                        if (registry == null) {
                            throw ApiException.notFound("The registry '" + source.registry + "' of source '"
                                    + source.name + "' no longer exists.");
                        }
                        return new Found(source, entity.name);
                    }));
        })).flatMap(found -> verify(found, headers, bytes).map(ignored -> found))
                .flatMap(found -> {
                    Delivery delivery = read(found.source(), headers, bytes);
                    if (delivery.isIgnored()) {
                        metrics.counter("automations.sources.ignored", "kind", found.source().kind).increment();
                        Log.debugf("source %s ignored %s: %s", found.source().id, delivery.event(),
                                delivery.ignoredBecause());
                        return Uni.createFrom().item(Response.accepted(Map.of("status", "ignored", "event",
                                delivery.event(), "reason", delivery.ignoredBecause())).build());
                    }
                    return apply(found, delivery);
                });
    }

    private Uni<Void> verify(Found found, Headers headers, byte[] body) {
        Source source = found.source();
        if ("mlflow".equals(source.kind)) {
            String refused = MlflowWebhooks.precheck(headers.mlflowDeliveryId(), headers.mlflowTimestamp(),
                    headers.mlflowSignature(), clock.instant(), config.maxClockSkew());
            if (refused != null) {
                return Uni.createFrom().failure(unauthorized(source, refused));
            }
        } else if (headers.hubSecret() == null) {
            return Uni.createFrom().failure(unauthorized(source, "unsigned"));
        }
        String sourceId = source.id.toString();
        return secrets.get(found.entity(), source.secret, sourceId).flatMap(value -> {
            if (value == null) {
                return Uni.createFrom().failure(unauthorized(source, "no-secret"));
            }
            if (matches(source, headers, body, value.value())) {
                return Uni.createFrom().voidItem();
            }
            if (!secrets.mayRefresh(value)) {
                return Uni.createFrom().failure(unauthorized(source, "signature"));
            }
            return secrets.fetch(found.entity(), source.secret, sourceId).flatMap(fresh -> fresh != null
                    && matches(source, headers, body, fresh.value()) ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(unauthorized(source, "signature")));
        });
    }

    private static boolean matches(Source source, Headers headers, byte[] body, String secret) {
        return "mlflow".equals(source.kind)
                ? MlflowWebhooks.verify(secret, headers.mlflowDeliveryId(), headers.mlflowTimestamp(),
                        headers.mlflowSignature(), body)
                : HubWebhooks.verify(secret, headers.hubSecret());
    }

    private Delivery read(Source source, Headers headers, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not JSON.", null);
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("The body is empty.", null);
        }
        return "mlflow".equals(source.kind) ? MlflowWebhooks.read(root, headers.mlflowDeliveryId().trim())
                : HubWebhooks.read(root);
    }

    private Uni<Response> apply(Found found, Delivery delivery) {
        Source source = found.source();
        Target target = new Target(found.entity(), source.project, source.registry, source.kind + ":" + source.name);
        return tx.write(() -> Project.KIND.find(source.entityId, source.project).flatMap(project -> {
            if (project == null) {
                throw ApiException.notFound("The project '" + source.project + "' of source '" + source.name
                        + "' no longer exists.");
            }
            return recordDelivery(source, delivery);
        }).flatMap(fresh -> {
            if (!fresh) {
                return Uni.createFrom().item(false);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (MirrorChange change : delivery.changes()) {
                chain = chain.chain(() -> change.apply(mirror, target));
            }
            return chain.replaceWith(true);
        })).map(applied -> {
            metrics.counter("automations.sources.deliveries", "kind", source.kind, "outcome",
                    applied ? "applied" : "duplicate").increment();
            return Response.ok(Map.of("status", applied ? "applied" : "duplicate", "event", delivery.event()))
                    .build();
        });
    }

    /** True when the delivery is new; a concurrent twin waits for this one's commit and then finds it. */
    private Uni<Boolean> recordDelivery(Source source, Delivery delivery) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO source_deliveries (source_id, delivery_key, event, received_at)
                VALUES (:source, :key, :event, :now)
                ON CONFLICT (source_id, delivery_key) DO NOTHING""")
                .setParameter("source", source.id)
                .setParameter("key", delivery.key())
                .setParameter("event", delivery.event())
                .setParameter("now", Timestamps.now(clock))
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    private ApiException unauthorized(Source source, String reason) {
        metrics.counter("automations.sources.rejected", "kind", source.kind, "reason", reason).increment();
        return ApiException.unauthorized(switch (reason) {
            case "unsigned" -> "mlflow".equals(source.kind)
                    ? "The delivery needs X-MLflow-Signature, X-MLflow-Timestamp and X-MLflow-Delivery-Id."
                    : "The delivery needs the X-Webhook-Secret header.";
            case "timestamp" -> "X-MLflow-Timestamp must be unix seconds within " + config.maxClockSkew().toMinutes()
                    + " minutes of now.";
            case "no-secret" -> "The delivery cannot be verified: the source's secret is missing.";
            default -> "mlflow".equals(source.kind) ? "The signature does not match." : "The secret does not match.";
        });
    }

    private ApiException tooLarge() {
        return ApiException.tooLarge("A source's delivery may be at most " + config.maxBodyBytes() + " bytes.");
    }

    private static UUID sourceId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw noSource(id);
        }
    }

    private static ApiException noSource(String id) {
        return ApiException.notFound("No source '" + id + "'.");
    }
}
