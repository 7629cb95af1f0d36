package dev.saascore.ui.isolation;

import dev.saascore.ui.infrastructure.PostgresProvisioning;
import dev.saascore.ui.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md section 4, rule 7: the catalog itself proves every read-model table is isolated. */
class RlsCatalogTest {

    @BeforeAll
    static void migrate() {
        TestDatabase.migrate();
    }

    @Test
    void everyReadModelTableIsIsolatedAndTheRuntimeRoleCannotBypassIt() throws Exception {
        try (Connection connection = TestDatabase.asSuperuser().getConnection()) {
            assertThat(RlsCatalog.violations(connection, PostgresProvisioning.APP_ROLE)).isEmpty();
        }
    }

    @Test
    void theRuntimeRoleSeesItselfAsNeitherSuperuserNorAbleToBypassRls() throws Exception {
        try (Connection connection = TestDatabase.asRuntimeRole().getConnection();
             Statement statement = connection.createStatement();
             ResultSet role = statement.executeQuery(
                     "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean("rolsuper")).isFalse();
            assertThat(role.getBoolean("rolbypassrls")).isFalse();
        }
    }

    @Test
    void theReadSchemaHoldsTables() throws Exception {
        // guards against the check passing vacuously because it looked at an empty or misnamed schema
        try (Connection connection = TestDatabase.asSuperuser().getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("""
                     SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'read_model' AND c.relkind = 'r'""")) {
            count.next();
            assertThat(count.getInt(1)).isPositive();
        }
    }

    @Test
    void theCheckCatchesATableAddedWithoutIsolation() throws Exception {
        try (Connection owner = java.sql.DriverManager.getConnection(
                TestDatabase.jdbcUrl(), PostgresProvisioning.OWNER_ROLE, "")) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute("CREATE TABLE read_model.leaky (id uuid PRIMARY KEY, tenant_id uuid NOT NULL)");
                statement.execute("CREATE TABLE read_model.half_done (tenant_id uuid NOT NULL PRIMARY KEY)");
                statement.execute("ALTER TABLE read_model.half_done ENABLE ROW LEVEL SECURITY");
                assertThat(RlsCatalog.violations(owner, PostgresProvisioning.APP_ROLE))
                        .anyMatch(v -> v.startsWith("leaky: row-level security"))
                        .anyMatch(v -> v.startsWith("leaky: no fail-closed tenant policy"))
                        .anyMatch(v -> v.startsWith("leaky_pkey: index"))
                        .anyMatch(v -> v.startsWith("half_done: row-level security is not both enabled and forced"));
            } finally {
                owner.rollback();
            }
        }
    }
}
