package dev.saascore.command.apikey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyCreated;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.apikey.ApiScope;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Key events are stored as JSON with a revision and read back equal, optional fields included. */
class ApiKeyEventSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();

    @Test
    void keyEventsReadBackEqualAndCarryTheirRevision() {
        ApiKeyId key = ApiKeyId.random();
        TenantId tenant = TenantId.random();
        Instant at = Instant.parse("2026-11-26T10:15:30Z");
        for (Object event : new Object[] {
                new ApiKeyCreated(key, tenant, "Gateway", Set.of(ApiScope.USAGE_READ, ApiScope.AI_INVOKE), "ab12cd34",
                        null, null, at),
                new ApiKeyCreated(key, tenant, "Budgeted", Set.of(ApiScope.AI_INVOKE), "ab12cd35", at, 1_000L, at),
                new ApiKeyRevoked(key, tenant, "Leaked", at)}) {
            SerializedObject<byte[]> json = serializer.serialize(event, byte[].class);
            assertThat(json.getType().getRevision()).isEqualTo("1");
            assertThat((Object) serializer.deserialize(json)).isEqualTo(event);
        }
        String created = new String(serializer.serialize(new ApiKeyCreated(key, tenant, "Gateway",
                Set.of(ApiScope.USAGE_READ, ApiScope.AI_INVOKE), "ab12cd34", null, null, at), byte[].class).getData());
        assertThat(created).contains("\"scopes\":[\"AI_INVOKE\",\"USAGE_READ\"]").contains("\"prefix\":\"ab12cd34\"");
    }
}
