package dev.saascore.bench;

import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.ai.UsageMeterId;
import dev.saascore.ui.security.SystemCaller;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * P6: does recording usage slow down as a usage meter's stream grows? {@code RecordAiUsage} (one call) is sent through
 * {@code CommandGateway.sendAndWait} as the system actor, as the outbox pump sends it, to (a) a meter with 10 events
 * (the baseline) and (b) a meter with {@code events} events, built in batches of {@code batch} calls per command.
 * Once the snapshots and the read models have caught up, the application is closed and started again, so no meter
 * is cached; then it times the first command on each meter (after warming the command path up on a third meter with
 * a snapshot, so neither pays for the JVM's first command or its first snapshot read) and the next {@code commands} commands, alternating between the two.
 * With {@code restarts} above 1, this repeats and the first commands' median counts; each restart has a 10-event
 * meter of its own (the commands before grew the last one), in turn timed before or after the long one.
 */
final class UsageRecording {

    private static final long BUDGET = AiLimits.MAX_BUDGET; // no threshold is reached, no extra events
    private static final int SHORT_EVENTS = 10;
    private static final int WARM_UP_COMMANDS = 100;
    /** Past the snapshot threshold, so the warm-up also loads a snapshot once (and builds its deserializer). */
    private static final int WARM_UP_EVENTS = 250;
    /** One API key makes every call, as one busy integration would (the read model keeps a row per key and day). */
    private static final String ACTOR = "apikey:" + UUID.randomUUID();

    record Options(int events, int batch, int commands, int restarts) {
    }

    /**
     * @param tail           events of (b) after its latest snapshot when the application was restarted
     * @param catchUpSeconds waiting for snapshots and read models after the build
     * @param firstAny       the very first command after each restart (on the warm-up meter), ms
     */
    record Result(long longEvents, double buildSeconds, long tail, double catchUpSeconds, double[] firstAny,
                  double[] firstShort, double[] firstLong, Latencies steadyShort, Latencies steadyLong) {

        double firstRatio() {
            return median(firstLong) / median(firstShort);
        }
    }

    private UsageRecording() {
    }

    static Result measure(AiApplication app, Options options) throws Exception {
        BillingPeriod period = BillingPeriod.of(Instant.now());
        List<UsageMeterId> shortMeters = new ArrayList<>();
        for (int i = 0; i < options.restarts(); i++) {
            shortMeters.add(new UsageMeterId(app.onboard("p6-short"), period));
        }
        UsageMeterId longMeter = new UsageMeterId(app.onboard("p6-long"), period);
        UsageMeterId warmMeter = new UsageMeterId(app.onboard("p6-warm"), period);

        System.out.printf("P6: building a meter of %d events (%d calls per command) and one of %d ...%n",
                options.events(), options.batch(), SHORT_EVENTS);
        long buildStart = System.nanoTime();
        CommandGateway commands = app.commands();
        for (int i = 0; i < SHORT_EVENTS; i++) {
            for (UsageMeterId shortMeter : shortMeters) {
                record(commands, shortMeter, 1);
            }
        }
        record(commands, warmMeter, WARM_UP_EVENTS);
        for (int recorded = 0; recorded < options.events(); recorded += options.batch()) {
            record(commands, longMeter, Math.min(options.batch(), options.events() - recorded));
        }
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long events = lastSequence(app, "domain_event_entry", longMeter) + 1;

        long catchUpStart = System.nanoTime();
        AiApplication.await(Duration.ofMinutes(2), () -> tail(app, longMeter) == 0 && tail(app, warmMeter) == 0);
        if (!app.awaitProcessorsCaughtUp(Duration.ofMinutes(5))) {
            System.out.println("WARNING: the read models had not caught up after 5 minutes; they run during P6");
        }
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
        long tail = tail(app, longMeter);
        System.out.printf("P6: built %d events in %.1f s; snapshots and read models caught up after %.1f s"
                + " (%d events after the latest snapshot)%n", events, buildSeconds, catchUpSeconds, tail);

        double[] firstAny = new double[options.restarts()];
        double[] firstShort = new double[options.restarts()];
        double[] firstLong = new double[options.restarts()];
        List<Long> steadyShort = new ArrayList<>();
        List<Long> steadyLong = new ArrayList<>();
        for (int restart = 0; restart < options.restarts(); restart++) {
            System.out.printf("P6: restarting the application (%d of %d) ...%n", restart + 1, options.restarts());
            app.restart();
            commands = app.commands();
            firstAny[restart] = timed(commands, warmMeter) / 1e6;
            for (int i = 0; i < WARM_UP_COMMANDS; i++) {
                record(commands, warmMeter, 1);
            }
            UsageMeterId shortMeter = shortMeters.get(restart);
            // alternate which cold meter goes first, so neither always pays for whatever the other warmed
            boolean longFirst = restart % 2 == 1;
            if (longFirst) {
                firstLong[restart] = timed(commands, longMeter) / 1e6;
            }
            firstShort[restart] = timed(commands, shortMeter) / 1e6;
            if (!longFirst) {
                firstLong[restart] = timed(commands, longMeter) / 1e6;
            }
            for (int i = 0; i < options.commands(); i++) {
                steadyShort.add(timed(commands, shortMeter));
                steadyLong.add(timed(commands, longMeter));
            }
        }
        return new Result(events, buildSeconds, tail, catchUpSeconds, firstAny, firstShort, firstLong,
                latencies(steadyShort), latencies(steadyLong));
    }

    private static long timed(CommandGateway commands, UsageMeterId meter) {
        long start = System.nanoTime();
        record(commands, meter, 1);
        return System.nanoTime() - start;
    }

    /** One command recording {@code calls} settled calls, as the outbox pump sends it. */
    private static void record(CommandGateway commands, UsageMeterId meter, int calls) {
        Instant now = Instant.now();
        List<AiCall> batch = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            batch.add(new AiCall(UUID.randomUUID(), ACTOR, "offline-mini", 12, 8,
                    new BigDecimal("0.001800"), 3, false, now));
        }
        SystemCaller.call(() -> commands.sendAndWait(new RecordAiUsage(meter, BUDGET, batch, List.of())));
    }

    private static Latencies latencies(List<Long> nanos) {
        return Latencies.of(nanos.stream().mapToLong(Long::longValue).toArray(), 0, Double.NaN, null, null, null, null);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Events of the meter after its latest snapshot (all of them when it has none). */
    private static long tail(AiApplication app, UsageMeterId meter) {
        try {
            return lastSequence(app, "domain_event_entry", meter) - lastSequence(app, "snapshot_event_entry", meter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastSequence(AiApplication app, String table, UsageMeterId meter) throws SQLException {
        return SuperuserSql.single(app.database(), "SELECT coalesce(max(sequence_number), -1) FROM event_store."
                + table + " WHERE aggregate_identifier = ?", meter.toString());
    }
}
