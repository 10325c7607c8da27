package ai.automations.registry.support;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.automations.common.error.ApiError;
import io.quarkus.logging.Log;

/**
 * A unique constraint the service checks first can still be hit by two concurrent requests: the loser gets a 409,
 * its transaction rolled back.
 */
public class ConstraintViolationMapper {

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        Log.debugf("Constraint %s violated: %s", e.getConstraintName(), e.getMessage());
        return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("CONFLICT", "A concurrent request changed the same thing; try again.", null))
                .build();
    }
}
