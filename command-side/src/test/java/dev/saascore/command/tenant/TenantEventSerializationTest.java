package dev.saascore.command.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored as JSON (Jackson) with a revision; auditors must be able to read them back. */
class TenantEventSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();

    @Test
    void anOnboardingEventReadsBackEqualAndCarriesItsRevision() {
        TenantOnboarded event = new TenantOnboarded(TenantId.random(), "Gulf Traders", "gulf", UserId.random(),
                "Noor", "noor@gulf.test", Instant.parse("2026-11-26T10:15:30Z"));
        SerializedObject<byte[]> json = serializer.serialize(event, byte[].class);

        assertThat(json.getType().getRevision()).isEqualTo("1");
        assertThat(new String(json.getData())).contains("\"slug\":\"gulf\"");
        assertThat((Object) serializer.deserialize(json)).isEqualTo(event);
    }

    @Test
    void revisionOneJsonAsWrittenTodayStillReads() {
        String stored = """
                {"tenantId":{"value":"5b7a3c1e-0000-4000-8000-000000000001"},"reason":"Unpaid","suspendedAt":"2026-11-26T10:15:30Z"}""";
        TenantSuspended event = serializer.getObjectMapper().convertValue(
                readTree(stored), TenantSuspended.class);
        assertThat(event.tenantId()).isEqualTo(TenantId.of("5b7a3c1e-0000-4000-8000-000000000001"));
        assertThat(event.suspendedAt()).isEqualTo(Instant.parse("2026-11-26T10:15:30Z"));
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return serializer.getObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
