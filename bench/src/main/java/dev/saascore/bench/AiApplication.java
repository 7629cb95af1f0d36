package dev.saascore.bench;

import dev.saascore.command.ai.quota.QuotaStore;
import dev.saascore.command.ai.quota.QuotaUsage;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.ui.infrastructure.PostgresProvisioning;
import dev.saascore.ui.security.ApiKeySecrets;
import dev.saascore.ui.security.SystemCaller;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The real application for P3, P4 and P6: started in the bench JVM on a fresh database (dropped at the end), with
 * the {@link StubUpstream} as its OpenAI-compatible upstream and its quota keys under a Redis prefix of its own
 * (deleted at the end: the machine's Redis is shared). It can be restarted on the same database and Redis keys.
 */
final class AiApplication implements AutoCloseable {

    /** A tenant with an API key that may call the gateway. */
    record BenchTenant(TenantId id, String apiKey) {
    }

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String database = "saas_bench_" + run;
    private final String redisPrefix = "saas:bench-" + run + ":ai:";
    private final StubUpstream stub;
    private final Path dataDir;
    private ConfigurableApplicationContext context;
    private int tenants;

    private AiApplication(StubUpstream stub, Path dataDir) {
        this.stub = stub;
        this.dataDir = dataDir;
    }

    static AiApplication start(StubUpstream stub) throws Exception {
        AiApplication app = new AiApplication(stub, Files.createTempDirectory("saas-bench-ai"));
        PostgresProvisioning.provision(CommandThroughput.SERVER, CommandThroughput.SUPERUSER, "", app.database);
        try {
            app.boot();
            return app;
        } catch (RuntimeException failed) {
            app.close();
            throw failed;
        }
    }

    private void boot() {
        context = CommandThroughput.boot(database, dataDir,
                "--saas.ai.upstream.base-url=" + stub.baseUrl(),
                "--saas.ai.upstream.models=" + StubUpstream.MODEL,
                // every served model needs a price; the offline ones keep the shipped prices
                "--saas.ai.gateway.prices=offline-mini=0.050/0.150,offline-large=0.250/0.750,"
                        + StubUpstream.MODEL + "=0.010/0.030",
                "--saas.ai.quota.key-prefix=" + redisPrefix);
    }

    /** Closes the application and starts it again on the same database and Redis keys: every cache is cold. */
    void restart() {
        context.close();
        boot();
    }

    String database() {
        return database;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    CommandGateway commands() {
        return context.getBean(CommandGateway.class);
    }

    TokenCounter tokens() {
        return context.getBean(TokenCounter.class);
    }

    /**
     * Onboards a tenant with an {@code ai:invoke} API key and the given limits, all through commands as the system
     * platform admin (the key is made as the API makes it: only its hash is stored).
     */
    BenchTenant tenant(String label, AiLimits limits) {
        CommandGateway commands = commands();
        TenantId tenant = onboard(label);
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        SystemCaller.call(() -> commands.sendAndWait(key.command(tenant, "bench " + label,
                Set.of(ApiScope.AI_INVOKE), null, null)));
        SystemCaller.call(() -> commands.sendAndWait(new SetAiLimits(tenant, limits, "benchmark")));
        return new BenchTenant(tenant, key.key());
    }

    /** Onboards a tenant (slug {@code <label>-<n>-001}) as the system platform admin. */
    TenantId onboard(String label) {
        return CommandThroughput.onboard(commands(), context.getBean(PasswordEncoder.class),
                label + "-" + (++tenants), 1).get(0);
    }

    /** The tenant's live counters for the current period, as the gateway's quota store reads them. */
    QuotaUsage usage(TenantId tenant) {
        return context.getBean(QuotaStore.class).usage(tenant, BillingPeriod.of(Clock.systemUTC().instant()));
    }

    /** Tokens of the tenant's current period as the usage read model recorded them (what Redis is rebuilt from). */
    long recordedTokens(TenantId tenant) {
        QueryGateway queries = context.getBean(QueryGateway.class);
        FindAiUsageTotals query = new FindAiUsageTotals(tenant, BillingPeriod.of(Clock.systemUTC().instant()));
        return SystemCaller.call(() -> queries.query(query, AiUsageTotals.class).join()).tenantTokens();
    }

    /** Settled calls and refusals in the Redis outbox, not yet recorded as events (recorded ones are deleted). */
    long outboxSize() {
        Long size = context.getBean(StringRedisTemplate.class).opsForStream().size(redisPrefix + "usage-outbox");
        return size == null ? 0 : size;
    }

    /** Waits until the pump has taken every settled call out of the Redis outbox and recorded it; false: timed out. */
    boolean awaitOutboxDrained(Duration timeout) throws InterruptedException {
        return await(timeout, () -> outboxSize() == 0);
    }

    /** Waits until every tracking processor (the read models) has handled the last event; false: timed out. */
    boolean awaitProcessorsCaughtUp(Duration timeout) throws InterruptedException {
        EventStore events = context.getBean(EventStore.class);
        List<StreamingEventProcessor> processors = context.getBean(EventProcessingConfiguration.class)
                .eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        return await(timeout, () -> {
            TrackingToken head = events.createHeadToken();
            long last = head == null ? -1 : head.position().orElse(-1);
            return processors.stream().allMatch(processor -> !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(status -> caughtUp(status, last)));
        });
    }

    private static boolean caughtUp(EventTrackerStatus status, long last) {
        return status.isCaughtUp() && status.getCurrentPosition().orElse(-1) >= last;
    }

    static boolean await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            deleteRedisKeys();
            PostgresProvisioning.drop(CommandThroughput.SERVER, CommandThroughput.SUPERUSER, "", database);
            StartupFootprint.deleteTree(dataDir);
        }
    }

    /** Only this run's keys: the machine's Redis is shared, so never a flush. */
    private void deleteRedisKeys() {
        RedisClient client = RedisClient.create(CommandThroughput.REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor,
                        ScanArgs.Builder.matches(redisPrefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}
