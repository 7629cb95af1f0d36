package dev.saascore.kernel.apikey;

import dev.saascore.kernel.messaging.FieldViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Set<ApiScope> AI = Set.of(ApiScope.AI_INVOKE);

    @Test
    void aNamedKeyWithOneScopeAndNothingElseIsFine() {
        assertThat(ApiKeyRules.creation("Gateway", AI, null, null, NOW)).isEmpty();
        assertThat(ApiKeyRules.creation("x".repeat(100), AI, NOW.plusSeconds(1), 1L, NOW)).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(ApiKeyRules.creation(" ", Set.of(), NOW, 0L, NOW)).extracting(FieldViolation::field)
                .containsExactly("name", "scopes", "expiresAt", "monthlyTokenBudget");
        assertThat(ApiKeyRules.creation("x".repeat(101), null, NOW.minus(Duration.ofDays(1)), -5L, NOW))
                .extracting(FieldViolation::field).containsExactly("name", "scopes", "expiresAt", "monthlyTokenBudget");
    }

    @Test
    void aKeyExpiresAtItsExpiryInstantAndNeverWithoutOne() {
        assertThat(ApiKeyRules.expired(null, NOW)).isFalse();
        assertThat(ApiKeyRules.expired(NOW.plusMillis(1), NOW)).isFalse();
        assertThat(ApiKeyRules.expired(NOW, NOW)).isTrue();
    }

    @Test
    void scopesHaveWireNamesAndReadInDeclarationOrder() {
        assertThat(ApiScope.fromWireName("usage:read")).contains(ApiScope.USAGE_READ);
        assertThat(ApiScope.fromWireName("USAGE_READ")).isEmpty();
        assertThat(ApiScope.setOf(Set.of(ApiScope.INVOICES_READ, ApiScope.AI_INVOKE)))
                .containsExactly(ApiScope.AI_INVOKE, ApiScope.INVOICES_READ);
    }

    @Test
    void onlyAnUnrevokedUnexpiredKeyOfAnActiveTenantAuthenticates() {
        ApiKeyId id = ApiKeyId.random();
        dev.saascore.kernel.TenantId tenant = dev.saascore.kernel.TenantId.random();
        assertThat(new ApiKeyAccount(id, tenant, AI, null, false, true).usableAt(NOW)).isTrue();
        assertThat(new ApiKeyAccount(id, tenant, AI, null, true, true).usableAt(NOW)).isFalse();
        assertThat(new ApiKeyAccount(id, tenant, AI, NOW, false, true).usableAt(NOW)).isFalse();
        assertThat(new ApiKeyAccount(id, tenant, AI, null, false, false).usableAt(NOW)).isFalse();
    }
}
