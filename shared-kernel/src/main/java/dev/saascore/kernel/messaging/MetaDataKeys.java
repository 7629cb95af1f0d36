package dev.saascore.kernel.messaging;

/**
 * Names of the metadata entries that dispatch interceptors add to every command and query.
 * Correlation and causation ids use Axon's own keys ("correlationId", "traceId").
 */
public final class MetaDataKeys {
    /** The caller's tenant (absent for platform staff). */
    public static final String TENANT_ID = "tenantId";
    /** Who acted: a user id, or "system" for start-up seeding. */
    public static final String ACTOR_ID = "actorId";
    /** The caller's roles, comma separated (e.g. "OWNER" or "PLATFORM_ADMIN"). */
    public static final String ROLES = "roles";

    private MetaDataKeys() {
    }
}
