package ai.automations.common.error;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * Turns every failure into the contract's JSON error body, so that bad input always gets a clear 4xx and nothing
 * internal leaks in a 500.
 */
public class ApiErrorMapper {

    /** Seconds a client is asked to wait after a 503 for overload. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Overload overload = Overload.shared();

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.status(), e.toError());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        return apiException(RequestErrors.violations(e.getConstraintViolations()));
    }

    /** Quarkus's own mapper for this subtype would answer in its format; the contract's is kept. */
    @ServerExceptionMapper
    public Response endpointViolation(ResteasyReactiveViolationException e) {
        return constraintViolation(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return jsonProcessing(e);
    }

    /**
     * Quarkus REST maps this subtype (a wrong type or enum value) itself, with an empty body; this keeps the
     * contract's JSON error for it too.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonProcessing(e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return apiException(RequestErrors.json(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status != 404) {
            // 405, 406, 415 are decided while matching, before any route template is known (404 is Quarkus's NOT_FOUND).
            RouteLabel.labelUnrouted(Vertx.currentContext(), RouteLabel.UNROUTED);
        }
        if (status >= 500) {
            Log.errorf(e, "Request failed");
            return respond(status, new ApiError("INTERNAL", "The request could not be completed.", null));
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jsonProcessing(jpe);
        }
        return respond(status, new ApiError(codeFor(status), messageFor(status), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (Overload.isPoolExhausted(e)) {
            overload.record(e);
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new ApiError("UNAVAILABLE", "The service is overloaded; retry the call shortly.", null))
                    .build();
        }
        Log.errorf(e, "Unexpected failure");
        return respond(500, new ApiError("INTERNAL", "The request could not be completed.", null));
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 422 -> "UNPROCESSABLE";
            case 503 -> "UNAVAILABLE";
            default -> "HTTP_" + status;
        };
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "That method is not allowed on this resource.";
            case 415 -> "The request body must be JSON (Content-Type: application/json).";
            case 413 -> "The request body is too large.";
            default -> "The request was refused (HTTP " + status + ").";
        };
    }
}
