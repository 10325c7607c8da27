package ai.automations.console.ui.web;

import jakarta.enterprise.context.RequestScoped;

import ai.automations.console.ui.session.ConsoleSession;

/** The session of the request being served, set by {@link ConsoleRequestFilter}. */
@RequestScoped
public class CurrentSession {

    private ConsoleSession session;

    void set(ConsoleSession session) {
        this.session = session;
    }

    /** The session; on pages that require sign-in it is always a signed-in one. */
    public ConsoleSession get() {
        return session;
    }

    public String apiKey() {
        return session.apiKey();
    }
}
