package dev.saascore.ui.testsupport;

import dev.saascore.ui.infrastructure.PostgresProvisioning;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.UUID;

/**
 * One fresh database per test run: on the machine's PostgreSQL (127.0.0.1:5432) when it answers, else on
 * an embedded PostgreSQL in a temporary directory. Provisioned exactly like production (owner + runtime
 * roles from infra/postgres/bootstrap.sql) and dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String SUPERUSER = "postgres";
    private static String serverUrl;
    private static String database;
    private static boolean migrated;

    private TestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (serverUrl == null) {
            start();
        }
        return serverUrl + database;
    }

    /** Connections as the runtime role, the one the application uses. */
    public static PGSimpleDataSource asRuntimeRole() {
        return dataSource(PostgresProvisioning.APP_ROLE);
    }

    public static PGSimpleDataSource asSuperuser() {
        return dataSource(SUPERUSER);
    }

    /** Applies the application's migrations (as the owner role), once per run. */
    public static synchronized void migrate() {
        if (!migrated) {
            Flyway.configure()
                    .dataSource(jdbcUrl(), PostgresProvisioning.OWNER_ROLE, "")
                    .defaultSchema("event_store")
                    .locations("classpath:db/migration/command", "classpath:db/migration/query", "classpath:db/migration/edge")
                    .placeholders(java.util.Map.of("app_role", PostgresProvisioning.APP_ROLE))
                    .load().migrate();
            migrated = true;
        }
    }

    private static PGSimpleDataSource dataSource(String user) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user);
        return dataSource;
    }

    private static void start() {
        database = "saas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (reachable("127.0.0.1", 5432)) {
            serverUrl = "jdbc:postgresql://127.0.0.1:5432/";
        } else {
            serverUrl = "jdbc:postgresql://localhost:" + startEmbedded() + "/";
        }
        PostgresProvisioning.provision(serverUrl, SUPERUSER, "", database);
        String server = serverUrl;
        String name = database;
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> PostgresProvisioning.drop(server, SUPERUSER, "", name), "drop-test-database"));
    }

    private static int startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("saas-test-pg"))
                    .setCleanDataDirectory(true)
                    .start();
            return postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Neither a local nor an embedded PostgreSQL is available", e);
        }
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
