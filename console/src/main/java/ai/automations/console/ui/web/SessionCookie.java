package ai.automations.console.ui.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import ai.automations.console.ui.session.ConsoleSession;
import ai.automations.console.ui.session.UiConfig;

/** The one cookie the console sets: a session id, HttpOnly, SameSite=Strict, never readable by scripts. */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "automations_console";

    private final UiConfig config;

    public SessionCookie(UiConfig config) {
        this.config = config;
    }

    public NewCookie of(ConsoleSession session) {
        return build(session.id(), (int) config.sessionMaxAge().toSeconds());
    }

    public NewCookie cleared() {
        return build("", 0);
    }

    private NewCookie build(String value, int maxAge) {
        return new NewCookie.Builder(NAME).value(value).path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
