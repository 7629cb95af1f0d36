package dev.saascore.command.ai.gateway;

import dev.saascore.command.ai.quota.QuotaStore;
import dev.saascore.command.ai.quota.QuotaStoreUnavailable;
import dev.saascore.command.ai.quota.UsageOutboxEntry;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.UsageMeterId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves settled calls and refusals from the Redis outbox (where settling put them atomically with the counters)
 * into the usage meters, one command per meter and batch, and acknowledges them only once recorded. Entries of a
 * node that died are taken over after {@link #ABANDONED_AFTER}; recording is idempotent by request id, so an entry
 * recorded twice counts once. After a batch that was not full it waits {@link #LINGER} so that the next calls are
 * recorded together: one command, one transaction and one wake-up of every event processor per batch instead of per
 * call, which at moderate rates was most of the CPU a gateway call cost (benchmark P3). Recording lags the Redis
 * counters, which admit the calls, by about that much more.
 */
public class UsageOutboxPump implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageOutboxPump.class);
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final int BATCH = 500;
    private static final Duration LINGER = Duration.ofMillis(50);

    private final QuotaStore outbox;
    private final UsageSender recorder;
    private final String consumer = "gateway-" + UUID.randomUUID();
    private volatile Thread worker;
    private volatile boolean running;

    public UsageOutboxPump(QuotaStore outbox, UsageSender recorder) {
        this.outbox = outbox;
        this.recorder = recorder;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::pump, "ai-usage-outbox");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            try {
                current.join(BLOCK.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before Axon (which stops at phase Integer.MAX_VALUE / 2 and below) so the last batch can be sent
        return Integer.MAX_VALUE / 2 + 1;
    }

    private void pump() {
        Duration pause = Duration.ofMillis(200);
        while (running) {
            try {
                List<UsageOutboxEntry> entries = outbox.takeFromOutbox(consumer, BATCH, BLOCK, ABANDONED_AFTER);
                recordAll(entries);
                pause = Duration.ofMillis(200);
                if (!entries.isEmpty() && entries.size() < BATCH) {
                    sleep(LINGER);
                }
            } catch (RuntimeException failure) {
                log.warn("AI usage outbox: {} (retrying in {} ms)", failure.toString(), pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
    }

    /** Records the entries meter by meter; a meter whose command fails keeps its entries for the next round. */
    void recordAll(List<UsageOutboxEntry> entries) {
        Map<UsageMeterId, List<UsageOutboxEntry>> byMeter = new LinkedHashMap<>();
        for (UsageOutboxEntry entry : entries) {
            byMeter.computeIfAbsent(entry.meterId(), meter -> new ArrayList<>()).add(entry);
        }
        byMeter.forEach((meter, batch) -> {
            List<AiCall> calls = batch.stream().filter(e -> e.call() != null).map(UsageOutboxEntry::call).toList();
            List<AiRejection> rejections = batch.stream().filter(e -> e.rejection() != null)
                    .map(UsageOutboxEntry::rejection).toList();
            long budget = batch.stream().mapToLong(UsageOutboxEntry::periodTokenBudget).max().orElse(0);
            try {
                recorder.recordAndWait(meter, budget, calls, rejections);
                outbox.acknowledge(batch);
            } catch (QuotaStoreUnavailable unavailable) {
                throw unavailable;
            } catch (RuntimeException failure) {
                log.error("Could not record {} AI usage entries of {}; they stay in the outbox: {}", batch.size(), meter,
                        failure.toString());
            }
        });
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
