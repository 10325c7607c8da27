package ai.automations.registry.source;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import ai.automations.common.validation.ResourceName;
import ai.automations.common.validation.SecretName;

/**
 * {@code POST /api/v1/entities/{e}/sources}: the kind of external registry, the source's name, the registry its
 * changes are mirrored into, the team secret that signs its webhooks, and the project its versions are created in
 * (the source's name when left out; created when missing).
 */
public record SourceRequest(
        @NotNull @Pattern(regexp = "mlflow|huggingface", message = "must be 'mlflow' or 'huggingface'") String kind,
        @NotNull @ResourceName String name,
        @NotNull @ResourceName String registry,
        @NotNull @SecretName String secret,
        @ResourceName String project) {
}
