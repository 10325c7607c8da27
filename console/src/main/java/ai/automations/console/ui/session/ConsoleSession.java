package ai.automations.console.ui.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One browser's session, held only in the console's memory: the user's API key never travels to the browser, which
 * holds just a random id in an HttpOnly, SameSite=Strict cookie. A session without a key is a visitor on the sign-in
 * page, there only to give the sign-in form its CSRF token.
 */
public final class ConsoleSession {

    private final String id;
    private final String csrfToken;
    private final String apiKey;
    private final String userName;
    private final Instant createdAt;
    private volatile Instant lastSeenAt;
    private final List<Flash> flashes = new ArrayList<>();

    ConsoleSession(String id, String csrfToken, String apiKey, String userName, Instant now) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.apiKey = apiKey;
        this.userName = userName;
        this.createdAt = now;
        this.lastSeenAt = now;
    }

    public String id() {
        return id;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The user's API key, for calls made on the user's behalf; null before sign-in. */
    public String apiKey() {
        return apiKey;
    }

    public String userName() {
        return userName;
    }

    public boolean signedIn() {
        return apiKey != null;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSeenAt() {
        return lastSeenAt;
    }

    void touch(Instant now) {
        lastSeenAt = now;
    }

    /** A message for the next page this browser shows (after a redirect). */
    public synchronized void flash(Flash flash) {
        flashes.add(flash);
    }

    /** The pending messages, each shown once. */
    public synchronized List<Flash> takeFlashes() {
        List<Flash> taken = List.copyOf(flashes);
        flashes.clear();
        return taken;
    }
}
