package ai.automations.registry.integration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ai.automations.common.validation.HttpUrl;
import ai.automations.common.validation.IntegrationName;
import ai.automations.common.validation.OnCreate;
import ai.automations.common.validation.SecretName;

/**
 * {@code POST /api/v1/entities/{e}/integrations} (and {@code PUT .../{name}}, where {@code name} may be left out): a
 * webhook ({@code url}, {@code accessTokenSecret?}, {@code signingSecret?}, {@code signatureFormat?}) or a Slack channel ({@code channel} with
 * {@code webhookUrlSecret}, or with {@code botTokenSecret} and {@code apiBaseUrl?}). Secrets are named, never given.
 * A webhook may set {@code sendTraceparent} (default false) to get the W3C {@code traceparent} header on each call.
 * Which fields go with which kind is checked by {@link IntegrationService}.
 */
public record IntegrationRequest(
        @NotNull @Pattern(regexp = "(?i)webhook|slack", message = "must be webhook or slack")
        String kind,
        @NotNull(groups = OnCreate.class) @IntegrationName String name,
        @HttpUrl String url,
        @SecretName String accessTokenSecret,
        @SecretName String signingSecret,
        @Size(max = 256) String channel,
        @SecretName String webhookUrlSecret,
        @SecretName String botTokenSecret,
        @HttpUrl String apiBaseUrl,
        @Pattern(regexp = "standard-webhooks|wandb", message = "must be standard-webhooks or wandb")
        String signatureFormat,
        Boolean sendTraceparent) {
}
