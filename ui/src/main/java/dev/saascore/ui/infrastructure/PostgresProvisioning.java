package dev.saascore.ui.infrastructure;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the owner and runtime roles and one database, through a superuser connection. Runs
 * {@code infra/postgres/bootstrap.sql} (copied onto the classpath by the build), the same file operators run.
 * Used in embedded mode and by the tests; production databases are bootstrapped by operators.
 */
public final class PostgresProvisioning {

    public static final String OWNER_ROLE = "saas_owner";
    public static final String APP_ROLE = "saas_app";

    private PostgresProvisioning() {
    }

    /**
     * @param serverUrl JDBC URL of the server without a database, e.g. {@code jdbc:postgresql://localhost:5432/}
     */
    public static void provision(String serverUrl, String superuser, String superuserPassword, String database) {
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", superuser, superuserPassword);
             Statement statement = admin.createStatement()) {
            statement.execute(bootstrapSql());
            if (!exists(admin, database)) {
                // identifiers cannot be bound; the name is ours and checked to be a plain identifier
                statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + OWNER_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not provision PostgreSQL database " + database, e);
        }
        try (Connection db = DriverManager.getConnection(serverUrl + database, superuser, superuserPassword);
             Statement statement = db.createStatement()) {
            statement.execute("REVOKE ALL ON DATABASE " + identifier(database) + " FROM PUBLIC;"
                    + "GRANT CONNECT ON DATABASE " + identifier(database) + " TO " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant access to database " + database, e);
        }
    }

    /** Drops a database even while connections remain (used by tests to clean up after themselves). */
    public static void drop(String serverUrl, String superuser, String superuserPassword, String database) {
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", superuser, superuserPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database, e);
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            return query.executeQuery().next();
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return name;
    }

    private static String bootstrapSql() {
        try {
            return new ClassPathResource("db/bootstrap/bootstrap.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
