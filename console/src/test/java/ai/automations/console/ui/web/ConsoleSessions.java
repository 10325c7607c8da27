package ai.automations.console.ui.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** Signing in to the console as a browser does (visitor cookie, CSRF token from the page), for page tests. */
public final class ConsoleSessions {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private ConsoleSessions() {
    }

    /** A signed-in session id for {@link StubApi#KEY}. */
    public static String signIn() {
        Response page = given().get("/sign-in");
        String visitor = page.cookie(SessionCookie.NAME);
        Response signedIn = given().cookie(SessionCookie.NAME, visitor)
                .header("X-CSRF-Token", csrf(page.body().asString()))
                .header("HX-Request", "true").formParam("apiKey", StubApi.KEY).post("/sign-in");
        assertThat(signedIn.header("HX-Redirect")).isEqualTo("/entities");
        String session = signedIn.cookie(SessionCookie.NAME);
        assertThat(session).isNotEqualTo(visitor);
        return session;
    }

    /** The CSRF token a page carries in its {@code <meta name="csrf-token">}. */
    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
