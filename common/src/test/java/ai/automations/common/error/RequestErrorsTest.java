package ai.automations.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.automations.common.validation.AliasName;
import ai.automations.common.validation.Finite;
import ai.automations.common.validation.IntegrationName;
import ai.automations.common.validation.Re2jRegex;
import ai.automations.common.validation.ResourceName;
import ai.automations.common.validation.SecretName;

/** Violations and unreadable bodies become the contract's error: the JSON path as the field, no Java names. */
class RequestErrorsTest {

    record Scope(@ResourceName String project) {
    }

    record Body(@NotNull @ResourceName String name, @Size(max = 3) String description,
            List<@NotNull @AliasName String> aliases, @Valid Scope scope, Map<String, @Finite Double> metrics,
            @Re2jRegex String regex, @SecretName String secret, @IntegrationName String integration, Integer count) {
    }

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Body body(String name) {
        return new Body(name, null, null, null, null, null, null, null, null);
    }

    private static ApiException violations(Body body) {
        return RequestErrors.violations(VALIDATOR.validate(body));
    }

    @Test
    void aViolationNamesItsFieldAsTheJsonDoes() {
        ApiException missing = violations(body(null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.toError()).isEqualTo(new ApiError("BAD_REQUEST", "'name' is required.", "name"));
        assertThat(violations(body("-x")).getMessage()).isEqualTo("'name' must be 1-128 letters, digits, '_', '.' "
                + "or '-', starting with a letter or digit.");
        assertThat(violations(new Body("n", "long", null, null, null, null, null, null, null)).getMessage())
                .isEqualTo("'description' may have at most 3 characters.");
        assertThat(violations(new Body("n", null, List.of("ok", "v3"), null, null, null, null, null, null)).field())
                .isEqualTo("aliases[1]");
        assertThat(violations(new Body("n", null, null, new Scope("a b"), null, null, null, null, null)).field())
                .isEqualTo("scope.project");
        assertThat(violations(new Body("n", null, null, null, Map.of("loss", Double.POSITIVE_INFINITY), null, null,
                null, null)).field()).isEqualTo("metrics.loss");
        assertThat(violations(new Body("n", null, null, null, null, null, "1abc", null, null)).field())
                .isEqualTo("secret");
        assertThat(violations(new Body("n", null, null, null, null, null, null, "x".repeat(65), null)).field())
                .isEqualTo("integration");
        assertThat(RequestErrors.violations("[2]", VALIDATOR.validate(body(null))).field()).isEqualTo("[2].name");
    }

    @Test
    void aRegexThatDoesNotCompileUnderRe2IsUnprocessable() {
        ApiException e = violations(new Body("n", null, null, null, null, "(a)\\1", null, null, null));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("UNPROCESSABLE");
        assertThat(e.field()).isEqualTo("regex");
        assertThat(e.getMessage()).startsWith("'regex' is not a valid regular expression (RE2 syntax): ");
        assertThat(VALIDATOR.validate(new Body("n", null, null, null, null, "^prod(uction)?$", null, null, null)))
                .isEmpty();
    }

    @Test
    void unreadableBodiesNameTheFieldAndNoJavaType() {
        ApiException array = json("[1]");
        assertThat(array.toError()).isEqualTo(new ApiError("BAD_REQUEST", "The request body must be a JSON object.",
                null));
        assertThat(json("{\"name\": {\"a\": 1}}").toError())
                .isEqualTo(new ApiError("BAD_REQUEST", "'name' must be a string.", "name"));
        assertThat(json("{\"aliases\": [\"a\", {}]}").field()).isEqualTo("aliases[1]");
        assertThat(json("{\"scope\": []}").getMessage()).isEqualTo("'scope' must be a JSON object.");
        assertThat(json("{\"count\": \"many\"}").getMessage()).isEqualTo("'count' must be a whole number.");
        assertThat(json("{\"colour\": 1}").toError())
                .isEqualTo(new ApiError("BAD_REQUEST", "'colour' is not a field of this request.", "colour"));
        assertThat(json("{\"name\": ").getMessage()).isEqualTo("The request body is not valid JSON.");
        for (String bad : List.of("[1]", "{\"name\": {}}", "{\"scope\": 1}", "{\"count\": []}", "{\"x\": 1}")) {
            assertThat(json(bad).getMessage()).as(bad).doesNotContain("ai.automations", "java.", "`", "Body");
        }
    }

    /** A resource as Quarkus runs it: a generated subclass overriding its methods without their annotations. */
    static class Resource {
        public String list(@QueryParam("enabled") @Pattern(regexp = "true|false") String on, Body body) {
            return on;
        }
    }

    static class GeneratedSubclass extends Resource {
        @Override
        public String list(String on, Body body) {
            return on;
        }
    }

    @Test
    void aParameterIsNamedAsTheApiNamesItAndABodyAsTheBody() throws NoSuchMethodException {
        Method list = Resource.class.getMethod("list", String.class, Body.class);
        ApiException parameter = RequestErrors.violations(VALIDATOR.forExecutables()
                .validateParameters(new GeneratedSubclass(), list, new Object[] { "sometimes", body("n") }));
        assertThat(parameter.field()).isEqualTo("enabled");
        assertThat(parameter.getMessage()).startsWith("'enabled' must match");
    }

    private static ApiException json(String text) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> MAPPER.readValue(text, Body.class));
        assertThat(e).as(text).isNotNull();
        return RequestErrors.json(e);
    }
}
