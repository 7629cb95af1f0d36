package dev.saascore.kernel.messaging;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.identity.Role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who sent a message, as carried in its metadata. Dispatch interceptors write it from the signed-in user;
 * handler interceptors read it back to authorise.
 *
 * @param tenantId null for platform staff and the system actor
 */
public record Caller(String actorId, TenantId tenantId, Set<Role> roles) {

    public static final String SYSTEM_ACTOR = "system";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The actor used for start-up seeding: acts as a platform administrator, never as a tenant. */
    public static Caller system() {
        return new Caller(SYSTEM_ACTOR, null, Set.of(Role.PLATFORM_ADMIN));
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** True when this caller may act on the given tenant's data. */
    public boolean mayActFor(TenantId tenant) {
        return isPlatformAdmin() || (tenantId != null && tenantId.equals(tenant));
    }

    public Map<String, String> toMetaData() {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(MetaDataKeys.ACTOR_ID, actorId);
        metaData.put(MetaDataKeys.ROLES, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")));
        if (tenantId != null) {
            metaData.put(MetaDataKeys.TENANT_ID, tenantId.toString());
        }
        return metaData;
    }

    /** Reads the caller back; empty when the message carries no actor (nobody signed in). */
    public static Optional<Caller> fromMetaData(Map<String, ?> metaData) {
        Object actor = metaData.get(MetaDataKeys.ACTOR_ID);
        if (!(actor instanceof String actorId) || actorId.isBlank()) {
            return Optional.empty();
        }
        Object tenant = metaData.get(MetaDataKeys.TENANT_ID);
        Object roles = metaData.get(MetaDataKeys.ROLES);
        Set<Role> parsedRoles = roles instanceof String list && !list.isBlank()
                ? Arrays.stream(list.split(",")).map(Role::valueOf).collect(Collectors.toSet())
                : Set.of();
        return Optional.of(new Caller(actorId, tenant instanceof String t ? TenantId.of(t) : null, parsedRoles));
    }
}
