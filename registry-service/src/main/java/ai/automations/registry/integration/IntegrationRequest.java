package ai.automations.registry.integration;

/**
 * {@code POST /api/v1/entities/{e}/integrations} (and {@code PUT .../{name}}): a webhook
 * ({@code url}, {@code accessTokenSecret?}, {@code signingSecret?}) or a Slack channel ({@code channel} with
 * {@code webhookUrlSecret}, or with {@code botTokenSecret} and {@code apiBaseUrl?}). Secrets are named, never given.
 */
public record IntegrationRequest(String kind, String name, String url, String accessTokenSecret,
        String signingSecret, String channel, String webhookUrlSecret, String botTokenSecret, String apiBaseUrl) {
}
