package dev.saascore.bench;

import dev.saascore.bench.LoadDriver.Throughput;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.SaasCoreApplication;
import dev.saascore.ui.infrastructure.PostgresProvisioning;
import dev.saascore.ui.security.SystemCaller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * P1: commands per second end to end (CommandGateway.sendAndWait returns once the event is committed in
 * PostgreSQL), each client suspending and reactivating its own, already onboarded tenant, so every command
 * loads an existing stream and appends one event to it. Measured on a fresh database that is dropped
 * afterwards, next to {@link RawInsertBaseline} in the same database.
 */
final class CommandThroughput {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String SUPERUSER = "postgres";
    static final String REDIS = "redis://127.0.0.1:6379";
    private static final String REASON = "Scheduled maintenance of the tenant's billing account";
    private static final String APPENDED = "('dev.saascore.kernel.tenant.TenantSuspended',"
            + " 'dev.saascore.kernel.tenant.TenantReactivated')";

    record Result(Throughput commands, Throughput raw, long eventsInStore, double meanStreamLength,
                  int payloadBytes, int metaDataBytes) {

        double ratio() {
            return commands.perSecond() / raw.perSecond();
        }
    }

    private CommandThroughput() {
    }

    static Result measure(int clients, Duration warmUp, Duration measured) throws Exception {
        String database = "saas_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dataDir = Files.createTempDirectory("saas-bench-p1");
        PostgresProvisioning.provision(SERVER, SUPERUSER, "", database);
        try {
            Throughput commands;
            try (ConfigurableApplicationContext app = boot(database, dataDir)) {
                CommandGateway gateway = app.getBean(CommandGateway.class);
                List<TenantId> tenants = onboard(gateway, app.getBean(PasswordEncoder.class), "bench", clients);
                System.out.printf("P1: %d tenants onboarded; %d s warm-up, %d s measured ...%n",
                        tenants.size(), warmUp.toSeconds(), measured.toSeconds());
                commands = LoadDriver.run(tenants.stream().map(t -> toggling(gateway, t)).toList(),
                        warmUp, measured, database);
            } // closed before the baseline runs, so its processors do not compete with it

            try (Connection db = DriverManager.getConnection(SERVER + database, SUPERUSER, "");
                 Statement sql = db.createStatement()) {
                long events = single(sql, "SELECT count(*) FROM event_store.domain_event_entry"
                        + " WHERE payload_type IN " + APPENDED);
                double streamLength = single(sql, "SELECT round(avg(n) * 10) FROM (SELECT count(*) n"
                        + " FROM event_store.domain_event_entry WHERE type = 'Tenant'"
                        + " GROUP BY aggregate_identifier) s") / 10.0;
                RawInsertBaseline.Sample sample = RawInsertBaseline.prepare(sql, APPENDED);
                System.out.printf("P1: raw JDBC baseline, %d clients, %d s warm-up, %d s measured ...%n",
                        clients, warmUp.toSeconds(), measured.toSeconds());
                Throughput raw = RawInsertBaseline.measure(SERVER, database, sample, clients, warmUp, measured);
                return new Result(commands, raw, events, streamLength,
                        sample.payload().length, sample.metaData().length);
            }
        } finally {
            PostgresProvisioning.drop(SERVER, SUPERUSER, "", database);
            StartupFootprint.deleteTree(dataDir);
        }
    }

    /**
     * The real application in this JVM (web server on an ephemeral localhost port), on the fresh database.
     *
     * @param settings further {@code --name=value} settings
     */
    static ConfigurableApplicationContext boot(String database, Path dataDir, String... settings) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // command-line arguments, because application.yml's ${DATABASE_URL:} outranks default properties
        List<String> arguments = new ArrayList<>(List.of(
                "--saas.database.url=" + SERVER + database,
                "--saas.redis.url=" + REDIS,
                "--saas.data-dir=" + dataDir,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(SaasCoreApplication.class).run(arguments.toArray(String[]::new));
    }

    /** Onboards {@code count} tenants (slugs {@code <slugPrefix>-001}, …) as the system platform admin. */
    static List<TenantId> onboard(CommandGateway gateway, PasswordEncoder passwords, String slugPrefix, int count) {
        String hash = passwords.encode("bench-owner-password"); // hashing is the edge's work, not the command's
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String slug = String.format("%s-%03d", slugPrefix, i);
            OnboardTenant command = new OnboardTenant(TenantId.random(), "Bench Tenant " + slug, slug,
                    UserId.random(), "Bench Owner " + i, "owner@" + slug + ".bench.local", hash);
            SystemCaller.call(() -> gateway.sendAndWait(command));
            tenants.add(command.tenantId());
        }
        return tenants;
    }

    /** One client: alternately suspends and reactivates its own tenant (one event appended per command). */
    private static LoadDriver.Operation toggling(CommandGateway gateway, TenantId tenant) {
        boolean[] suspended = {false};
        return () -> {
            Object command = suspended[0] ? new ReactivateTenant(tenant, REASON) : new SuspendTenant(tenant, REASON);
            SystemCaller.call(() -> gateway.sendAndWait(command));
            suspended[0] = !suspended[0];
        };
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
