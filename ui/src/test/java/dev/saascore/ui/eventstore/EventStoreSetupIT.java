package dev.saascore.ui.eventstore;

import dev.saascore.ui.testsupport.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store settings of DESIGN.md section 5, read back from the running application and the catalog. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventStoreSetupIT {

    @Autowired EventProcessingConfiguration processing;
    @Autowired Serializer serializer;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    @Autowired @Qualifier("messageSerializer") Serializer messageSerializer;

    private final JdbcTemplate catalog = new JdbcTemplate(TestDatabase.asSuperuser());

    @Test
    void everythingIsSerializedAsJsonWithJackson() {
        assertThat(List.of(serializer, eventSerializer, messageSerializer))
                .allSatisfy(s -> assertThat(s).isInstanceOf(JacksonSerializer.class));
    }

    @Test
    void projectionsRunInPooledStreamingProcessorsWithADeadLetterQueueEach() {
        for (String group : List.of("tenant-profiles", "tenant-directory", "ai-usage")) {
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).as(group).isPresent();
            assertThat(processing.deadLetterQueue(group)).as(group).isPresent();
        }
    }

    @Test
    void payloadsAreByteaAndNoColumnIsALargeObject() {
        assertThat(catalog.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'event_store' AND data_type = 'oid'""", String.class)).isEmpty();
        assertThat(catalog.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = 'event_store' AND table_name = 'domain_event_entry' AND column_name = 'payload'""",
                String.class)).isEqualTo("bytea");
    }

    @Test
    void theGlobalIndexHasItsOwnIdentitySequenceIncrementingByOne() {
        assertThat(catalog.queryForMap("""
                SELECT is_identity, identity_increment FROM information_schema.columns
                WHERE table_schema = 'event_store' AND table_name = 'domain_event_entry' AND column_name = 'global_index'"""))
                .containsEntry("is_identity", "YES").containsEntry("identity_increment", "1");
        // the sequence behind it belongs to that column alone
        assertThat(catalog.queryForObject("""
                SELECT count(*) FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                WHERE d.refobjid = 'event_store.domain_event_entry'::regclass AND d.deptype = 'i'""", Long.class))
                .isEqualTo(1L);
    }
}
