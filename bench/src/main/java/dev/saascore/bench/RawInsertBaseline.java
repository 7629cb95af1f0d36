package dev.saascore.bench;

import dev.saascore.bench.LoadDriver.Throughput;
import dev.saascore.ui.infrastructure.PostgresProvisioning;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The floor under P1: what PostgreSQL does for the same clients with no framework in between. Each client
 * inserts one row per transaction (autocommit) into a copy of the event table, with its indexes and
 * constraints, carrying a payload and metadata copied from an event the application wrote.
 */
final class RawInsertBaseline {

    /** Column values of one real appended event, reused for every raw row. */
    record Sample(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    private RawInsertBaseline() {
    }

    /** Creates bench.raw_event_entry like the event table and picks a real event to copy. */
    static Sample prepare(Statement superuser, String payloadTypes) throws SQLException {
        superuser.execute("CREATE SCHEMA bench;"
                + "CREATE TABLE bench.raw_event_entry (LIKE event_store.domain_event_entry INCLUDING ALL);"
                + "GRANT USAGE ON SCHEMA bench TO " + PostgresProvisioning.APP_ROLE + ";"
                + "GRANT SELECT, INSERT ON bench.raw_event_entry TO " + PostgresProvisioning.APP_ROLE);
        try (ResultSet row = superuser.executeQuery("SELECT type, payload_type, payload_revision, payload, meta_data"
                + " FROM event_store.domain_event_entry WHERE payload_type IN " + payloadTypes
                + " ORDER BY global_index DESC LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("P1 appended no events; nothing to copy for the baseline");
            }
            return new Sample(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBytes(5));
        }
    }

    /** Connects as the runtime role, like the application, one dedicated connection per client. */
    static Throughput measure(String serverUrl, String database, Sample sample, int clients, Duration warmUp,
                              Duration measured) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            List<LoadDriver.Operation> operations = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection connection = DriverManager.getConnection(serverUrl + database, PostgresProvisioning.APP_ROLE, "");
                connections.add(connection);
                operations.add(inserting(connection, sample));
            }
            return LoadDriver.run(operations, warmUp, measured, database);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** One client appending to its own stream, as a command appends to its own aggregate. */
    private static LoadDriver.Operation inserting(Connection connection, Sample sample) throws SQLException {
        PreparedStatement insert = connection.prepareStatement("INSERT INTO bench.raw_event_entry (aggregate_identifier,"
                + " sequence_number, type, event_identifier, payload_type, payload_revision, payload, meta_data,"
                + " time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        String aggregate = UUID.randomUUID().toString();
        long[] sequence = {0};
        return () -> {
            insert.setString(1, aggregate);
            insert.setLong(2, sequence[0]);
            insert.setString(3, sample.type());
            insert.setString(4, UUID.randomUUID().toString());
            insert.setString(5, sample.payloadType());
            insert.setString(6, sample.payloadRevision());
            insert.setBytes(7, sample.payload());
            insert.setBytes(8, sample.metaData());
            insert.setString(9, Instant.now().toString());
            insert.executeUpdate();
            sequence[0]++;
        };
    }
}
