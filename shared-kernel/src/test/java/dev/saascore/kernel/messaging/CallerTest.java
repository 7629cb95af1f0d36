package dev.saascore.kernel.messaging;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    private static final TenantId TENANT = TenantId.random();

    @Test
    void travelsThroughMetadataUnchanged() {
        Caller owner = new Caller("user-1", TENANT, Set.of(Role.OWNER));
        assertThat(Caller.fromMetaData(owner.toMetaData())).contains(owner);
        assertThat(Caller.fromMetaData(Caller.system().toMetaData())).contains(Caller.system());
    }

    @Test
    void aMessageWithoutAnActorHasNoCaller() {
        assertThat(Caller.fromMetaData(Map.of(MetaDataKeys.TENANT_ID, TENANT.toString()))).isEmpty();
    }

    @Test
    void tenantStaffActOnlyForTheirOwnTenantAndPlatformAdminsForAny() {
        Caller owner = new Caller("user-1", TENANT, Set.of(Role.OWNER));
        assertThat(owner.mayActFor(TENANT)).isTrue();
        assertThat(owner.mayActFor(TenantId.random())).isFalse();
        assertThat(Caller.system().mayActFor(TenantId.random())).isTrue();
        assertThat(new Caller("nobody", null, Set.of()).mayActFor(TENANT)).isFalse();
    }
}
