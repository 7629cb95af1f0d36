package dev.saascore.command.ai.usage;

import dev.saascore.kernel.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Repository
class JdbcUsageRequests implements UsageRequests {

    /*
     * One statement for the whole batch. ON CONFLICT keeps the transaction usable and returns only the ids this
     * batch inserted; sorting makes overlapping batches lock their ids in the same order, so they queue instead
     * of deadlocking. The join claims nothing for an unknown tenant (instead of failing on the foreign key).
     */
    private static final String CLAIM = """
            INSERT INTO command_model.ai_usage_request (request_id, tenant_id)
            SELECT id, r.tenant_id
            FROM unnest(?) AS id JOIN command_model.tenant_registry r ON r.tenant_id = ?
            ORDER BY id
            ON CONFLICT DO NOTHING
            RETURNING request_id""";

    private final JdbcTemplate jdbc;

    JdbcUsageRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<UUID> claim(TenantId tenantId, Collection<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(CLAIM);
            statement.setArray(1, connection.createArrayOf("uuid", requestIds.toArray()));
            statement.setObject(2, tenantId.value());
            return statement;
        }, (row, index) -> row.getObject(1, UUID.class)));
    }
}
