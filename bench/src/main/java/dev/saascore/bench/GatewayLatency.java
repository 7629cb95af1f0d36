package dev.saascore.bench;

import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.kernel.ai.AiLimits;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P3: what the gateway adds to an AI call. The same OpenAI-style request goes, on the same open-loop schedule
 * (fixed rate, latency from each call's scheduled start), (a) straight to the zero-latency {@link StubUpstream}, as a
 * client without the gateway would call its provider, and (b) to the application's {@code POST /v1/chat/completions}
 * with an {@code ai:invoke} API key, which admits it against the tenant's quotas in Redis, calls the same stub and
 * settles. Added latency = (b) − (a) at each percentile, at the target's rate and at a lighter one. Then the most
 * calls per second the gateway sustains (closed loop, keep-alive connections) and the Redis round trips of
 * {@link RedisBaseline}, in the same run. All of it after an unmeasured closed-loop warm-up of the fresh application
 * and an open loop at the target's rate until the JIT has caught up ({@link JitSettling}).
 * The load generator runs in the same JVM and on the same two cores as the application.
 */
final class GatewayLatency {

    static final List<ChatMessage> PROMPT = List.of(new ChatMessage("user", "Say hello to the benchmark."));
    private static final int MAX_TOKENS = 16;
    private static final int ANSWER_TOKENS = 2;
    private static final String PATH = "/v1/chat/completions";

    /**
     * @param lowRate     a second, lighter schedule for (a) and (b) (0: none): the added latency without queueing
     * @param firstWarmUp an unmeasured closed loop before everything else, the first load on the fresh application:
     *                    the JIT compiles the path meanwhile (on two cores its compilers take a good share of the CPU
     *                    for a minute or two)
     * @param jitSettling the longest open loop at {@code perSecond} after it, until the JIT has caught up
     *                    ({@link JitSettling})
     * @param rounds      how many times the pair (a), (b) at {@code perSecond} runs, one after the other; their
     *                    latencies are pooled, so one noisy window on a shared machine weighs a third, not all
     */
    record Options(int perSecond, int lowRate, int workers, int clients, Duration firstWarmUp, Duration jitSettling,
                   int rounds, Duration warmUp, Duration measured) {
    }

    /**
     * @param stalls              how late a separate process woke up from 1 ms sleeps during the target-rate rounds
     * @param transactionsPerCall PostgreSQL transactions of the bench database per gateway call in the closed loop
     * @param outboxBacklog       settled calls still waiting in the Redis outbox when the closed loop ended
     * @param drainSeconds        how long the recording took to catch up with them
     */
    record Result(Latencies direct, Latencies gateway, Latencies directLow, Latencies gatewayLow,
                  StallProbe.Result stalls, LoadDriver.Throughput max, double transactionsPerCall, long outboxBacklog,
                  double drainSeconds, RedisBaseline.Result redis) {

        double added(double percentile) {
            return gateway.millis(percentile) - direct.millis(percentile);
        }

        double addedLow(double percentile) {
            return gatewayLow.millis(percentile) - directLow.millis(percentile);
        }
    }

    private GatewayLatency() {
    }

    static Result measure(AiApplication app, StubUpstream stub, Options options) throws Exception {
        AiApplication.BenchTenant tenant = app.tenant("p3", new AiLimits(AiLimits.MAX_BUDGET,
                AiLimits.MAX_REQUESTS_PER_MINUTE, AiLimits.MAX_CONCURRENT));
        stub.answer(app.tokens().promptTokens(StubUpstream.MODEL, PROMPT), ANSWER_TOKENS);
        String body = body();
        byte[] direct = HttpConnection.post(stub.port(), PATH, null, body);
        byte[] gateway = HttpConnection.post(app.port(), PATH, tenant.apiKey(), body);
        try (HttpConnection check = new HttpConnection(app.port())) {
            HttpConnection.Response answer = check.exchange(gateway);
            if (answer.status() != 200 || !answer.text().contains("\"usage\"")) {
                throw new IllegalStateException("The gateway did not answer the P3 call: " + answer.status() + " "
                        + answer.text());
            }
        }

        // the first load on the fresh application: the JIT compiles the path meanwhile, so nothing is measured
        System.out.printf("P3: warming the gateway up, %d clients closed loop for %d s ...%n", options.clients(),
                options.firstWarmUp().toSeconds());
        LoadDriver.Throughput warmingUp = closedLoop(app, gateway, options.clients(),
                options.firstWarmUp().minus(options.warmUp()), options.warmUp());
        System.out.printf("P3: %.0f calls/s over the last %d s of the warm-up%n", warmingUp.perSecond(),
                options.warmUp().toSeconds());
        System.out.printf("P3: %d/s open loop through the gateway until the JIT settles (at most %d s) ...%n",
                options.perSecond(), options.jitSettling().toSeconds());
        String jit = JitSettling.await(span -> openLoop(app.port(), gateway, options.perSecond(), options.workers(),
                Duration.ZERO, span, app.database()), options.jitSettling());
        System.out.println("P3: " + jit);
        app.awaitOutboxDrained(Duration.ofMinutes(3));

        Latencies toStubLow = null;
        Latencies throughGatewayLow = null;
        if (options.lowRate() > 0) {
            toStubLow = pair("(a)", stub.port(), direct, options.lowRate(), options, app);
            throughGatewayLow = pair("(b)", app.port(), gateway, options.lowRate(), options, app);
        }
        List<Latencies> stubRounds = new ArrayList<>();
        List<Latencies> gatewayRounds = new ArrayList<>();
        StallProbe.Result stalls;
        try (StallProbe probe = StallProbe.start()) {
            for (int round = 1; round <= options.rounds(); round++) {
                stubRounds.add(pair("(a)", stub.port(), direct, options.perSecond(), options, app));
                gatewayRounds.add(pair("(b)", app.port(), gateway, options.perSecond(), options, app));
                System.out.printf("P3 round %d of %d at %d/s: stub p50 / p99 %.3f / %.3f ms (%s),"
                                + " gateway %.3f / %.3f ms (%s)%n", round, options.rounds(),
                        options.perSecond(), last(stubRounds).millis(50), last(stubRounds).millis(99),
                        otherText(last(stubRounds)), last(gatewayRounds).millis(50), last(gatewayRounds).millis(99),
                        otherText(last(gatewayRounds)));
            }
            stalls = probe.stop();
        }
        Latencies toStub = Latencies.pooled(stubRounds);
        Latencies throughGateway = Latencies.pooled(gatewayRounds);

        System.out.printf("P3: most calls/s through the gateway, %d clients closed loop, %d s warm-up, %d s"
                + " measured ...%n", options.clients(), options.warmUp().toSeconds(), options.measured().toSeconds());
        long transactionsBefore = transactions(app.database());
        LoadDriver.Throughput max = closedLoop(app, gateway, options.clients(), options.warmUp(), options.measured());
        long backlog = app.outboxSize();
        long drainStart = System.nanoTime();
        app.awaitOutboxDrained(Duration.ofMinutes(3));
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        Thread.sleep(1_000); // PostgreSQL publishes its statistics at most once a second
        double perCall = (double) (transactions(app.database()) - transactionsBefore) / max.completedInAll();

        System.out.printf("P3: Redis baseline (PING, EVALSHA at %d/s open loop; EVALSHA with %d clients) ...%n",
                options.perSecond(), options.clients());
        RedisBaseline.Result redis = RedisBaseline.measure(options.perSecond(), options.workers(), options.clients(),
                options.warmUp(), options.measured(), app.database());
        return new Result(toStub, throughGateway, toStubLow, throughGatewayLow, stalls, max, perCall, backlog,
                drainSeconds, redis);
    }

    private static Latencies last(List<Latencies> rounds) {
        return rounds.get(rounds.size() - 1);
    }

    private static String otherText(Latencies window) {
        return window.cpu() == null ? "other not sampled" : window.cpu().otherText();
    }

    /** Clients calling the gateway back to back, each on its own keep-alive connection. */
    private static LoadDriver.Throughput closedLoop(AiApplication app, byte[] request, int count, Duration warmUp,
                                                    Duration measured) throws Exception {
        List<HttpConnection> connections = new ArrayList<>();
        List<LoadDriver.Operation> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                HttpConnection connection = new HttpConnection(app.port()).open();
                connections.add(connection);
                clients.add(() -> ok(connection.exchange(request)));
            }
            return LoadDriver.run(clients, warmUp, measured, app.database());
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }

    /** One open-loop window, (a) to the stub or (b) through the gateway; then lets the usage recording catch up. */
    private static Latencies pair(String leg, int port, byte[] request, int perSecond, Options options,
                                  AiApplication app) throws Exception {
        System.out.printf("P3: %s %s, %d/s open loop, %d s warm-up, %d s measured ...%n", leg,
                leg.equals("(a)") ? "straight to the stub upstream" : "through the gateway with an API key",
                perSecond, options.warmUp().toSeconds(), options.measured().toSeconds());
        Latencies latencies = openLoop(port, request, perSecond, options.workers(), options.warmUp(),
                options.measured(), app.database());
        app.awaitOutboxDrained(Duration.ofMinutes(2));
        return latencies;
    }

    private static String body() {
        StringBuilder messages = new StringBuilder();
        for (ChatMessage message : PROMPT) {
            messages.append(messages.length() == 0 ? "" : ",").append("{\"role\":\"").append(message.role())
                    .append("\",\"content\":\"").append(message.content()).append("\"}");
        }
        return "{\"model\":\"" + StubUpstream.MODEL + "\",\"messages\":[" + messages + "],\"max_tokens\":"
                + MAX_TOKENS + "}";
    }

    private static Latencies openLoop(int port, byte[] request, int perSecond, int workerCount, Duration warmUp,
                                      Duration measured, String database) throws Exception {
        List<HttpConnection> connections = new ArrayList<>();
        List<LoadDriver.Operation> workers = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            HttpConnection connection = new HttpConnection(port).open();
            connections.add(connection);
            workers.add(() -> ok(connection.exchange(request)));
        }
        try {
            return OpenLoop.run(workers, perSecond, warmUp, measured, database);
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }

    private static void ok(HttpConnection.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.text());
        }
    }

    /** Committed and rolled-back transactions of the database so far, as PostgreSQL's statistics count them. */
    private static long transactions(String database) throws SQLException {
        return SuperuserSql.single("postgres",
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?", database);
    }
}
