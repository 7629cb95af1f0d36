package dev.saascore.ui.isolation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.saascore.query.tenancy.TenantTransactions;
import dev.saascore.query.tenancy.TenantContext;
import dev.saascore.kernel.TenantId;
import dev.saascore.ui.infrastructure.PostgresProvisioning;
import dev.saascore.ui.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row-level security as the application's own runtime role against real PostgreSQL: one tenant never
 * reads or writes another's rows, no tenant means no rows, and pooled connections carry nothing across.
 */
class TenantIsolationTest {

    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();

    private static HikariDataSource pool;

    @BeforeAll
    static void seedTwoTenants() throws SQLException {
        TestDatabase.migrate();
        pool = pool(2);
        insertProfile(TENANT_A, "Alpha");
        insertProfile(TENANT_B, "Bravo");
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void aTenantReadsOnlyItsOwnRowsEvenWithoutAWhereClause() throws SQLException {
        assertThat(visibleTenants(TENANT_A)).containsExactly(TENANT_A);
        assertThat(visibleTenants(TENANT_B)).containsExactly(TENANT_B);
    }

    @Test
    void withNoTenantSetAQueryReturnsNothing() throws SQLException {
        assertThat(visibleTenants(null)).isEmpty();
    }

    @Test
    void aTenantCannotUpdateOrDeleteAnotherTenantsRows() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            enter(connection, TENANT_A);
            assertThat(update(connection, "UPDATE read_model.tenant_profile SET name = 'hijacked' WHERE tenant_id = ?", TENANT_B)).isZero();
            assertThat(update(connection, "DELETE FROM read_model.tenant_profile WHERE tenant_id = ?", TENANT_B)).isZero();
            connection.commit();
        }
        assertThat(nameOf(TENANT_B)).isEqualTo("Bravo");
    }

    @Test
    void aTenantCannotInsertRowsForAnotherTenantNorMoveItsRowsThere() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            enter(connection, TENANT_A);
            assertThatThrownBy(() -> insert(connection, UUID.randomUUID()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            connection.rollback();
            enter(connection, TENANT_A);
            assertThatThrownBy(() -> update(connection,
                    "UPDATE read_model.tenant_profile SET tenant_id = ? WHERE tenant_id = '" + TENANT_A + "'", TENANT_B))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            connection.rollback();
        }
    }

    @Test
    void withNoTenantSetNothingCanBeWritten() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> insert(connection, UUID.randomUUID()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            connection.rollback();
        }
    }

    @Test
    void theTenantSettingEndsWithItsTransactionOnAPooledConnection() throws SQLException {
        try (HikariDataSource single = pool(1)) {
            try (Connection connection = single.getConnection()) {
                connection.setAutoCommit(false);
                enter(connection, TENANT_A);
                assertThat(tenantsVisibleOn(connection)).containsExactly(TENANT_A);
                connection.commit();
            }
            try (Connection sameConnectionAgain = single.getConnection()) {
                sameConnectionAgain.setAutoCommit(false);
                assertThat(tenantsVisibleOn(sameConnectionAgain)).isEmpty();
                sameConnectionAgain.commit();
            }
        }
    }

    /**
     * Query handlers run inside the query bus's transaction; the tenant-scoped read must use that transaction's
     * connection, not a second one: with as many concurrent queries as pooled connections, each holding one and
     * waiting for another, the pool deadlocks. A pool of one makes that wait certain.
     */
    @Test
    void aTenantScopedReadInsideAQueryHandlersTransactionUsesItsConnectionAndSetsTheTenant() {
        try (HikariDataSource single = pool(1)) {
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(single);
            JdbcTemplate jdbc = new JdbcTemplate(single);
            TenantTransactions tenantTransactions = new TenantTransactions(transactions, new TenantContext(jdbc));
            String query = "SELECT current_setting('app.current_tenant', true)";

            String seen = new TransactionTemplate(transactions).execute(queryBusTransaction -> {
                jdbc.queryForObject("SELECT 1", Integer.class);  // the outer transaction holds the only connection
                return tenantTransactions.read(new TenantId(TENANT_A), () -> jdbc.queryForObject(query, String.class));
            });

            assertThat(seen).isEqualTo(TENANT_A.toString());
        }
    }

    /**
     * A processor's batch enters each event's tenant in one transaction; entering the tenant already set is skipped,
     * so switching must still take effect, and the next transaction on the thread must start from no tenant.
     */
    @Test
    void enteringTenantsInOneTransactionFollowsEachSwitchAndTheNextTransactionStartsWithNone() {
        try (HikariDataSource single = pool(1)) {
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(single);
            JdbcTemplate jdbc = new JdbcTemplate(single);
            TenantContext context = new TenantContext(jdbc);
            String query = "SELECT tenant_id FROM read_model.tenant_profile";

            List<List<UUID>> seen = new TransactionTemplate(transactions).execute(batch -> {
                List<List<UUID>> views = new ArrayList<>();
                for (UUID tenant : new UUID[]{TENANT_A, TENANT_A, TENANT_B, TENANT_B, null, TENANT_A}) {
                    context.enter(tenant == null ? null : new TenantId(tenant));
                    views.add(jdbc.queryForList(query, UUID.class));
                }
                return views;
            });
            assertThat(seen).containsExactly(List.of(TENANT_A), List.of(TENANT_A), List.of(TENANT_B), List.of(TENANT_B),
                    List.of(), List.of(TENANT_A));

            List<UUID> next = new TransactionTemplate(transactions).execute(again -> {
                context.enter(new TenantId(TENANT_A));
                return jdbc.queryForList(query, UUID.class);
            });
            assertThat(next).as("the same tenant entered in a new transaction is set again").containsExactly(TENANT_A);
        }
    }

    @Test
    void manyInterleavedTransactionsOnTwoPooledConnectionsNeverSeeAnotherTenant() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int offset = client;
                results.add(clients.submit(() -> {
                    List<String> leaks = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        UUID tenant = switch ((i + offset) % 3) {
                            case 0 -> TENANT_A;
                            case 1 -> TENANT_B;
                            default -> null;
                        };
                        List<UUID> seen = visibleTenants(tenant);
                        List<UUID> expected = tenant == null ? List.of() : List.of(tenant);
                        if (!seen.equals(expected)) {
                            leaks.add("as " + tenant + " saw " + seen);
                        }
                    }
                    return leaks;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.jdbcUrl());
        config.setUsername(PostgresProvisioning.APP_ROLE);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    private static void insertProfile(UUID tenant, String name) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            enter(connection, tenant);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO read_model.tenant_profile (tenant_id, name, slug, owner_name, owner_email, status, onboarded_at)
                    VALUES (?, ?, ?, 'Owner', 'owner@example.test', 'ACTIVE', now())""")) {
                insert.setObject(1, tenant);
                insert.setString(2, name);
                insert.setString(3, name.toLowerCase() + "-" + tenant.toString().substring(0, 8));
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static void insert(Connection connection, UUID tenant) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO read_model.tenant_profile (tenant_id, name, slug, owner_name, owner_email, status, onboarded_at)
                VALUES (?, 'Intruder', 'intruder', 'Owner', 'owner@example.test', 'ACTIVE', now())""")) {
            insert.setObject(1, tenant);
            insert.executeUpdate();
        }
    }

    /** The same statement the application runs at the start of each transaction. */
    private static void enter(Connection connection, UUID tenant) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.current_tenant', ?, true)")) {
            set.setString(1, tenant == null ? "" : tenant.toString());
            set.execute();
        }
    }

    private static List<UUID> visibleTenants(UUID tenant) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            if (tenant != null) {
                enter(connection, tenant);
            }
            List<UUID> seen = tenantsVisibleOn(connection);
            connection.commit();
            return seen;
        }
    }

    private static List<UUID> tenantsVisibleOn(Connection connection) throws SQLException {
        // asks for both tenants: the policy alone must drop the one not in scope
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT tenant_id FROM read_model.tenant_profile WHERE tenant_id IN (?, ?)")) {
            query.setObject(1, TENANT_A);
            query.setObject(2, TENANT_B);
            List<UUID> seen = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seen.add(rows.getObject(1, UUID.class));
                }
            }
            return seen;
        }
    }

    private static String nameOf(UUID tenant) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            enter(connection, tenant);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM read_model.tenant_profile WHERE tenant_id = ?")) {
                query.setObject(1, tenant);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    String name = rows.getString(1);
                    connection.commit();
                    return name;
                }
            }
        }
    }

    private static int update(Connection connection, String sql, UUID parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            return statement.executeUpdate();
        }
    }
}
