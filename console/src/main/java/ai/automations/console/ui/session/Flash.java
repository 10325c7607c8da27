package ai.automations.console.ui.session;

import io.quarkus.qute.TemplateData;

/**
 * A one-time message on the next page: {@code ok} or {@code error}. {@code secret} is a value shown exactly once
 * (a new API key), kept in server memory until that page is rendered.
 */
@TemplateData
public record Flash(String kind, String text, String secret) {

    public static Flash ok(String text) {
        return new Flash("ok", text, null);
    }

    public static Flash error(String text) {
        return new Flash("error", text, null);
    }

    public static Flash once(String text, String secret) {
        return new Flash("ok", text, secret);
    }
}
