package dev.saascore.command.apikey;

import dev.saascore.command.tenant.InMemoryTenantRegistry;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyCreated;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.RevokeApiKey;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of an API key, given / when / then. */
class ApiKeyTest {

    private static final TenantId TENANT = TenantId.random();
    private static final ApiKeyId KEY = ApiKeyId.random();
    private static final Set<ApiScope> SCOPES = Set.of(ApiScope.AI_INVOKE, ApiScope.USAGE_READ);
    private static final Instant EXPIRES = Instant.now().plus(Duration.ofDays(30));

    private AggregateTestFixture<ApiKey> fixture;
    private InMemoryApiKeys keys;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        keys = new InMemoryApiKeys();
        InMemoryTenantRegistry tenants = new InMemoryTenantRegistry();
        tenants.claim(TENANT, "gulf");
        fixture.registerAnnotatedCommandHandler(new ApiKeyHandler(fixture.getRepository(), keys, tenants));
    }

    private static CreateApiKey create(String name, Set<ApiScope> scopes, Instant expiresAt, Long budget) {
        return new CreateApiKey(KEY, TENANT, name, scopes, expiresAt, budget, "ab12cd34", "hash-of-the-whole-key");
    }

    private ApiKeyCreated created() {
        return new ApiKeyCreated(KEY, TENANT, "Gateway", SCOPES, "ab12cd34", EXPIRES, 500_000L, Instant.EPOCH);
    }

    @Nested
    class Creating {

        @Test
        void aKeyIsCreatedWithItsHashStoredButNotInTheEvent() {
            fixture.givenNoPriorActivity()
                    .when(create("  Gateway ", SCOPES, EXPIRES, 500_000L))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ApiKeyCreated(KEY, TENANT, "Gateway", SCOPES, "ab12cd34", EXPIRES, 500_000L,
                            fixture.currentTime()));
            assertThat(keys.byId.get(KEY).secretHash()).isEqualTo("hash-of-the-whole-key");
            assertThat(ApiKeyCreated.class.getRecordComponents()).extracting(c -> c.getName().toLowerCase())
                    .noneMatch(name -> name.contains("hash") || name.contains("secret"));
        }

        @Test
        void expiryAndBudgetAreOptional() {
            fixture.givenNoPriorActivity()
                    .when(create("Integration", Set.of(ApiScope.INVOICES_READ), null, null))
                    .expectEvents(new ApiKeyCreated(KEY, TENANT, "Integration", Set.of(ApiScope.INVOICES_READ),
                            "ab12cd34", null, null, fixture.currentTime()));
        }

        @Test
        void badInputIsRefusedFieldByFieldAndStoresNothing() {
            fixture.givenNoPriorActivity()
                    .when(create(" ", Set.of(), Instant.now().minus(Duration.ofMinutes(1)), -1L))
                    .expectNoEvents()
                    .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", List.of(
                            new FieldViolation("name", "This field is required."),
                            new FieldViolation("scopes", "Choose at least one scope."),
                            new FieldViolation("expiresAt", "The expiry must be in the future."),
                            new FieldViolation("monthlyTokenBudget", "The budget must be a positive number of tokens."))));
            assertThat(keys.byId).isEmpty();
        }

        @Test
        void aKeyOfAnUnknownTenantIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new CreateApiKey(KEY, TenantId.random(), "Gateway", SCOPES, null, null, "ab12cd34", "h"))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND, "No such tenant."));
        }

        @Test
        void aTakenPrefixIsRefused() {
            keys.add(new CreateApiKey(ApiKeyId.random(), TENANT, "Other", SCOPES, null, null, "ab12cd34", "other-hash"));
            fixture.givenNoPriorActivity()
                    .when(create("Gateway", SCOPES, null, null))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.CONFLICT,
                            "This key's id or prefix is already taken. Create the key again."));
        }
    }

    @Nested
    class Revoking {

        @BeforeEach
        void theKeyIsStored() {
            keys.add(create("Gateway", SCOPES, EXPIRES, 500_000L));
        }

        @Test
        void aKeyIsRevokedWithAReason() {
            fixture.given(created())
                    .when(new RevokeApiKey(KEY, TENANT, " Leaked in a log "))
                    .expectEvents(new ApiKeyRevoked(KEY, TENANT, "Leaked in a log", fixture.currentTime()));
        }

        @Test
        void revokingTwiceIsRefused() {
            fixture.given(created(), new ApiKeyRevoked(KEY, TENANT, "Leaked", Instant.EPOCH))
                    .when(new RevokeApiKey(KEY, TENANT, "Again"))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.CONFLICT, "This API key is already revoked."));
        }

        @Test
        void aReasonIsRequired() {
            fixture.given(created())
                    .when(new RevokeApiKey(KEY, TENANT, " "))
                    .expectNoEvents()
                    .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.",
                            List.of(new FieldViolation("reason", "A reason is required."))));
        }

        @Test
        void anotherTenantsKeyIsNotFoundLikeAnUnknownOne() {
            fixture.given(created())
                    .when(new RevokeApiKey(KEY, TenantId.random(), "Not mine"))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND, "No such API key."));
            fixture.given(created())
                    .when(new RevokeApiKey(ApiKeyId.random(), TENANT, "Unknown"))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND, "No such API key."));
        }
    }
}
