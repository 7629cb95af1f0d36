package dev.saascore.ui.infrastructure;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the links between the events that dropped out of {@link EmbeddedEventStore}'s cache of newest events (ADR
 * 0005). Axon keeps every cached event linked to the next one, also after it left the cache. Once one of them has
 * been promoted to the old generation, each later event stays reachable from it until G1 marks the old generation,
 * and every young collection copies the chain node by node — a linked list that its workers cannot share: 40–90 ms
 * pauses at 500 gateway calls/s on two cores (benchmark P3). Axon's streams never follow a link from an event
 * older than the oldest cached one: such a stream counts as behind and reads from the database (its
 * {@code behindGlobalCache}), so cutting those links changes no event any processor sees.
 */
final class EventCacheUnlinker implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(100);

    private final EmbeddedEventStore store;
    private final Field oldest;
    private final Field next;
    private final ScheduledExecutorService timer;
    private Object lastOldest;

    private EventCacheUnlinker(EmbeddedEventStore store, Field oldest, Field next) {
        this.store = store;
        this.oldest = oldest;
        this.next = next;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-cache-unlinker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts cutting every {@link #EVERY}; fails when Axon's cache no longer looks as this class expects. */
    static EventCacheUnlinker start(EmbeddedEventStore store) {
        EventCacheUnlinker unlinker = create(store);
        unlinker.timer.scheduleWithFixedDelay(unlinker::unlinkDropped, EVERY.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return unlinker;
    }

    static EventCacheUnlinker create(EmbeddedEventStore store) {
        try {
            Field oldest = EmbeddedEventStore.class.getDeclaredField("oldest");
            Field next = Class.forName(EmbeddedEventStore.class.getName() + "$Node").getDeclaredField("next");
            oldest.setAccessible(true);
            next.setAccessible(true);
            return new EventCacheUnlinker(store, oldest, next);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Axon's EmbeddedEventStore no longer has the cache this class unlinks"
                    + " (ADR 0005): check what its new version keeps alive, then adapt or remove this class", e);
        }
    }

    /** Cuts the links of the events that left the cache since the previous call. */
    synchronized void unlinkDropped() {
        try {
            Object current = oldest.get(store);
            for (Object node = lastOldest; node != null && node != current; ) {
                Object following = next.get(node);
                next.set(node, null);
                node = following;
            }
            lastOldest = current;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not unlink the event cache", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
