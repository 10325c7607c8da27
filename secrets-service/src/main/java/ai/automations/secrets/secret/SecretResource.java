package ai.automations.secrets.secret;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import ai.automations.common.auth.CurrentCaller;
import ai.automations.common.auth.EntityAdmin;
import ai.automations.common.auth.EntityMember;
import ai.automations.common.error.ApiException;
import ai.automations.secrets.audit.Actor;
import ai.automations.secrets.audit.AuditLog;
import ai.automations.secrets.audit.AuditPage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The public secrets API. Values go in and never come out: every answer is metadata. ADMINs create, rotate, delete
 * and read the audit log; MEMBERs may list names.
 */
@Path("/api/v1/entities/{entity}/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretResource {

    /** Keeps page × size within an int offset. */
    private static final int MAX_PAGE = 1_000_000;

    private final SecretService service;
    private final AuditLog audit;
    private final CurrentCaller caller;

    public SecretResource(SecretService service, AuditLog audit, CurrentCaller caller) {
        this.service = service;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @EntityAdmin
    public Uni<RestResponse<SecretMetadata>> create(@PathParam("entity") String entity,
            @Valid @NotNull CreateSecretRequest request) {
        return service.create(entity, request, Actor.of(caller.get()))
                .map(created -> RestResponse.ResponseBuilder.<SecretMetadata> create(RestResponse.Status.CREATED)
                        .location(URI.create("/api/v1/entities/" + entity + "/secrets/" + created.name()))
                        .entity(created).build());
    }

    @GET
    @EntityMember
    public Uni<List<SecretMetadata>> list(@PathParam("entity") String entity) {
        return service.list(entity);
    }

    @PUT
    @Path("/{name}")
    @EntityAdmin
    public Uni<SecretMetadata> rotate(@PathParam("entity") String entity, @PathParam("name") String name,
            @Valid @NotNull RotateSecretRequest request) {
        return service.rotate(entity, name, request, Actor.of(caller.get()));
    }

    @DELETE
    @Path("/{name}")
    @EntityAdmin
    public Uni<RestResponse<Void>> delete(@PathParam("entity") String entity, @PathParam("name") String name) {
        return service.delete(entity, name, Actor.of(caller.get())).map(ignored -> RestResponse.noContent());
    }

    /** The entity's audit log, newest first: {@code ?page=0&size=50&secret=NAME}. An extension of the contract. */
    @GET
    @Path("/audit")
    @EntityAdmin
    public Uni<AuditPage> audit(@PathParam("entity") String entity, @QueryParam("page") String page,
            @QueryParam("size") String size, @QueryParam("secret") String secret) {
        SecretInput.entity(entity);
        if (secret != null) {
            SecretInput.name(secret);
        }
        int pageNumber = intParam("page", page, 0, 0, MAX_PAGE);
        int pageSize = intParam("size", size, 50, 1, AuditLog.MAX_PAGE_SIZE);
        return Panache.withSession(() -> audit.page(entity, secret, pageNumber, pageSize));
    }

    private static int intParam(String field, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(field + " must be a whole number from " + min + " to " + max + ".", field);
    }
}
