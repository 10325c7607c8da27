package ai.automations.console.ui.session;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a console session lives, and how its cookie is marked. */
@ConfigMapping(prefix = "automations.ui")
public interface UiConfig {

    /** A session unused for this long is gone: the user signs in again. */
    @WithDefault("30M")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in however busy it is. */
    @WithDefault("8H")
    Duration sessionMaxAge();

    /** Marks the cookie {@code Secure}; on wherever the console is served over HTTPS (the chart sets it). */
    @WithDefault("false")
    boolean secureCookie();

    /** At most this many sessions (signed in or on the sign-in page) are kept; the oldest go first. */
    @WithDefault("10000")
    int maxSessions();
}
