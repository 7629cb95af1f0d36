package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyCreated;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.tenant.OnboardTenant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: an event whose projection fails in SQL (here an API key named with a NUL, as events stored before the
 * command refused such names are) is parked in the dead-letter queue of its pooled processor, the segment moves
 * on to later events of every tenant, health and metrics name the group, and a platform administrator can retry
 * or discard the letter over the API.
 */
class DeadLettersIT extends ApiTestSupport {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @Autowired EventStore eventStore;
    @Autowired HealthEndpoint health;
    @Autowired MeterRegistry meters;

    private String adminToken;

    @BeforeEach
    void signInTheAdministrator() {
        adminToken = signIn("admin@saas.local", "admin-change-me").get("access_token").asText();
        superuser.update("DELETE FROM event_store.dead_letter_entry");
    }

    @Test
    void aPoisonEventIsParkedAndLaterEventsOfOtherTenantsAreStillProjected() {
        OnboardTenant poisoned = onboardTenant("poison");
        OnboardTenant other = onboardTenant("bystander");
        String poisonEventId = appendKeyNamed(poisoned.tenantId(), "nul\u0000name");

        String otherOwner = signIn(other.ownerEmail(), PASSWORD).get("access_token").asText();
        String created = createApiKey(other.tenantId(), otherOwner, keyRequest("after the poison", "ai:invoke"))
                .get("key_id").asText();
        String poisonedOwner = signIn(poisoned.ownerEmail(), PASSWORD).get("access_token").asText();
        createApiKey(poisoned.tenantId(), poisonedOwner, keyRequest("same tenant, later", "ai:invoke"));

        await().atMost(PROJECTED).untilAsserted(() -> {
            assertThat(get(keys(other.tenantId()), otherOwner).json().findValuesAsText("key_id")).contains(created);
            assertThat(get(keys(poisoned.tenantId()), poisonedOwner).json().findValuesAsText("name"))
                    .containsExactly("same tenant, later");
        });

        JsonNode letters = get("/api/platform/dead-letters?processing_group=api-keys", adminToken).json();
        assertThat(letters.get("items")).hasSize(1);
        JsonNode letter = letters.get("items").get(0);
        assertThat(letter.get("event_identifier").asText()).isEqualTo(poisonEventId);
        assertThat(letter.get("cause_message").asText()).contains("0x00");

        await().atMost(PROJECTED).untilAsserted(() -> {
            Health group = processorHealth("api-keys");
            assertThat(group.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(group.getDetails()).containsEntry("deadLetters", 1L);
            assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(meters.get("saas.event.processor.dead.letters").tag("processing_group", "api-keys")
                    .gauge().value()).isEqualTo(1.0);
        });
        assertThat(processorHealth("staff").getStatus()).isEqualTo(Status.UP);

        String letterId = letter.get("letter_id").asText();
        Reply retried = post("/api/platform/dead-letters/" + letterId + "/retry", "{}", adminToken);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asText()).isEqualTo("FAILED_AGAIN");

        Reply noReason = post("/api/platform/dead-letters/" + letterId + "/discard", "{}", adminToken);
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        Reply discarded = post("/api/platform/dead-letters/" + letterId + "/discard",
                json("reason", "Name from before the NUL check; the key was revoked"), adminToken);
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(204);
        assertThat(get("/api/platform/dead-letters", adminToken).json().get("items")).isEmpty();
        await().atMost(PROJECTED).untilAsserted(() ->
                assertThat(processorHealth("api-keys").getStatus()).isEqualTo(Status.UP));
    }

    @Test
    void aLetterThatNoLongerFailsIsHandledOnRetry() {
        OnboardTenant tenant = onboardTenant("retry");
        String owner = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();
        // fails in SQL while the check is there, as a projection does until its bug is fixed
        superuser.execute("ALTER TABLE read_model.api_key ADD CONSTRAINT no_poison CHECK (name <> 'poison')");
        try {
            appendKeyNamed(tenant.tenantId(), "poison");
            await().atMost(PROJECTED).until(() -> get("/api/platform/dead-letters", adminToken).json()
                    .get("items").size() == 1);
        } finally {
            superuser.execute("ALTER TABLE read_model.api_key DROP CONSTRAINT no_poison");
        }
        String letterId = get("/api/platform/dead-letters", adminToken).json().at("/items/0/letter_id").asText();

        Reply retried = post("/api/platform/dead-letters/" + letterId + "/retry", "{}", adminToken);

        assertThat(retried.json().get("outcome").asText()).as(retried.body()).isEqualTo("HANDLED");
        assertThat(get(keys(tenant.tenantId()), owner).json().findValuesAsText("name")).containsExactly("poison");
        assertThat(get("/api/platform/dead-letters", adminToken).json().get("items")).isEmpty();
    }

    @Test
    void deadLettersAreForPlatformAdministratorsOnlyAndUnknownOnesAre404() {
        OnboardTenant tenant = onboardTenant("nosy");
        String owner = signIn(tenant.ownerEmail(), PASSWORD).get("access_token").asText();

        assertThat(get("/api/platform/dead-letters", owner).status()).isEqualTo(403);
        assertThat(post("/api/platform/dead-letters/" + UUID.randomUUID() + "/retry", "{}", owner).status())
                .isEqualTo(403);
        assertThat(post("/api/platform/dead-letters/" + UUID.randomUUID() + "/retry", "{}", adminToken).status())
                .isEqualTo(404);
        assertThat(get("/api/platform/dead-letters?limit=0", adminToken).status()).isEqualTo(400);
    }

    /** Appends an {@code ApiKeyCreated} straight to the event store, past the command's checks; its event id. */
    private String appendKeyNamed(TenantId tenant, String name) {
        ApiKeyId keyId = new ApiKeyId(UUID.randomUUID());
        ApiKeyCreated created = new ApiKeyCreated(keyId, tenant, name, Set.of(ApiScope.AI_INVOKE), "poison00", null,
                null, Instant.now());
        GenericDomainEventMessage<ApiKeyCreated> event =
                new GenericDomainEventMessage<>("ApiKey", keyId.toString(), 0, created);
        eventStore.publish(event);
        return event.getIdentifier();
    }

    private Health processorHealth(String group) {
        return (Health) health.healthForPath("eventProcessors", group);
    }

    private static String keys(TenantId tenant) {
        return "/api/tenants/" + tenant + "/api-keys";
    }
}
