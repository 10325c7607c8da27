package ai.automations.registry.auth;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.automations.common.auth.Caller;
import ai.automations.common.auth.Role;
import ai.automations.common.error.ApiException;
import ai.automations.registry.auth.AuthViews.AddMember;
import ai.automations.registry.auth.AuthViews.ApiKeyView;
import ai.automations.registry.auth.AuthViews.CreateUser;
import ai.automations.registry.auth.AuthViews.CreatedApiKey;
import ai.automations.registry.auth.AuthViews.CreatedUser;
import ai.automations.registry.auth.AuthViews.MemberView;
import ai.automations.registry.entity.EntityNamespace;
import ai.automations.registry.outbox.Tx;
import ai.automations.registry.support.Timestamps;
import io.smallrye.mutiny.Uni;

/** Users, their API keys and their roles in entities. Keys are random, shown once, stored as digests. */
@ApplicationScoped
public class AccessService {

    private final Tx tx;
    private final InstantSource clock;
    private final AuthChanges changes;

    public AccessService(Tx tx, InstantSource clock, AuthChanges changes) {
        this.tx = tx;
        this.clock = clock;
        this.changes = changes;
    }

    /** Only the global (bootstrap) admin creates users. */
    public Uni<CreatedUser> createUser(Caller caller, CreateUser request) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Only the bootstrap admin creates users.");
        }
        String name = request.name();
        String key = ApiKeys.generate();
        return tx.write(() -> User.findByName(name).flatMap(existing -> {
            if (existing != null) {
                throw ApiException.conflict("User '" + name + "' exists.", "name");
            }
            User user = new User();
            user.id = UUID.randomUUID();
            user.name = name;
            user.createdAt = Timestamps.now(clock);
            return user.persist().chain(() -> newKey(user.id, key).persist())
                    .replaceWith(new CreatedUser(user.id.toString(), name, key));
        }));
    }

    public Uni<CreatedApiKey> createKey(Caller caller) {
        UUID userId = userId(caller);
        String key = ApiKeys.generate();
        ApiKey row = newKey(userId, key);
        return tx.write(() -> row.persist())
                .replaceWith(() -> new CreatedApiKey(row.id.toString(), key, row.prefix, row.createdAt));
    }

    public Uni<List<ApiKeyView>> listKeys(Caller caller) {
        UUID userId = userId(caller);
        return tx.read(() -> ApiKey.<ApiKey>find("userId = ?1 order by createdAt", userId).list())
                .map(keys -> keys.stream().map(AccessService::view).toList());
    }

    /** Revokes one of the caller's keys (the global admin may revoke anyone's). */
    public Uni<Void> revokeKey(Caller caller, String id) {
        UUID userId = userId(caller);
        UUID keyId = uuidOrNotFound(id, "No API key '" + id + "'.");
        return changes.change(change -> tx.write(() -> ApiKey.<ApiKey>findById(keyId).flatMap(key -> {
            if (key == null || (!key.userId.equals(userId) && !caller.admin())) {
                throw ApiException.notFound("No API key '" + id + "'.");
            }
            if (key.revokedAt == null) {
                key.revokedAt = Timestamps.now(clock);
            }
            return changes.announce(change);
        })));
    }

    /** Gives a user a role in an entity, or changes it; true when the membership is new. */
    public Uni<MemberResult> addMember(String entityName, AddMember request) {
        String userName = request.user();
        Role role = Role.valueOf(request.role().toUpperCase(Locale.ROOT));
        return changes.change(change -> tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> User
                .findByName(userName)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No user '" + userName + "'."))
                .flatMap(user -> Membership.<Membership>find("entityId = ?1 and userId = ?2", entity.id, user.id)
                        .firstResult().flatMap(existing -> {
                            if (existing != null) {
                                existing.role = role;
                                return Uni.createFrom().item(new MemberResult(
                                        new MemberView(entityName, userName, role, existing.createdAt), false));
                            }
                            Membership m = Membership.of(entity.id, user.id, role, Timestamps.now(clock));
                            return m.persist().replaceWith(new MemberResult(
                                    new MemberView(entityName, userName, role, m.createdAt), true));
                        })))
                .call(() -> changes.announce(change))));
    }

    public Uni<List<MemberView>> members(String entityName) {
        return tx.read(() -> EntityNamespace.require(entityName).flatMap(entity -> Membership
                .<Membership>find("entityId", entity.id).list()
                .flatMap(ms -> (ms.isEmpty() ? Uni.createFrom().item(List.<User>of())
                        : User.<User>list("id in ?1", ms.stream().map(m -> m.userId).toList()))
                        .map(users -> ms.stream().map(m -> new MemberView(entityName, users.stream()
                                .filter(u -> u.id.equals(m.userId)).findFirst().map(u -> u.name).orElse(null),
                                m.role, m.createdAt)).sorted((a, b) -> a.user().compareTo(b.user())).toList()))));
    }

    public Uni<Void> removeMember(String entityName, String userName) {
        return changes.change(change -> tx.write(() -> EntityNamespace.require(entityName).flatMap(entity -> User
                .findByName(userName)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No user '" + userName + "'."))
                .flatMap(user -> Membership.delete("entityId = ?1 and userId = ?2", entity.id, user.id))
                .map(deleted -> {
                    if (deleted == 0) {
                        throw ApiException.notFound("'" + userName + "' is not a member of '" + entityName + "'.");
                    }
                    return null;
                }))
                .call(() -> changes.announce(change)))).replaceWithVoid();
    }

    /** A member view and whether it was created (201) rather than changed (200). */
    public record MemberResult(MemberView member, boolean created) {
    }

    private ApiKey newKey(UUID userId, String key) {
        ApiKey row = new ApiKey();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.keyHash = ApiKeys.digest(key);
        row.prefix = ApiKeys.displayPrefix(key);
        row.createdAt = Timestamps.now(clock);
        return row;
    }

    private static ApiKeyView view(ApiKey key) {
        return new ApiKeyView(key.id.toString(), key.prefix, key.createdAt, key.revokedAt);
    }

    private static UUID userId(Caller caller) {
        if (caller.userId() == null) {
            throw ApiException.forbidden("Only users hold API keys.");
        }
        return UUID.fromString(caller.userId());
    }

    static UUID uuidOrNotFound(String id, String message) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(message);
        }
    }
}
