package ai.automations.common.auth;

/** A member's role in an entity; each role includes what the ones before it may do. */
public enum Role {
    VIEWER, MEMBER, ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
