package dev.saascore.command.caching;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Values read from the database and reused for at most {@code maxAge}, for reads on the AI gateway's hot path.
 * <p>
 * A value in use is read again in the background once it is half its maximum age, while callers keep getting the
 * value they have: with steady traffic no call waits for the database (an expiring entry used to cost one call per
 * second a database round trip, which showed in the gateway's p99). Only a key nobody asked for during a whole
 * {@code maxAge} is read on the caller's thread. No value older than {@code maxAge} is ever returned.
 * <p>
 * {@link #clear()} forgets everything; a read that overlapped it is not kept, as it may predate the change that
 * caused the clear.
 */
public final class RefreshAheadCache<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefreshAheadCache.class);

    private record Entry<V>(V value, Instant readAt) {
    }

    private final Function<K, V> reader;
    private final Duration maxAge;
    private final Duration refreshAfter;
    private final int maxEntries;
    private final Clock clock;
    private final Executor refresher;
    /** The thread this cache started for its refreshes, if it did. */
    private final ExecutorService ownThread;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Set<K> refreshing = ConcurrentHashMap.newKeySet();
    /** Counts the clears so far: a read that overlapped one must not be kept. */
    private final AtomicLong clears = new AtomicLong();

    /** A cache that refreshes on its own daemon thread, named {@code name}; {@link #close()} stops it. */
    public static <K, V> RefreshAheadCache<K, V> create(String name, Function<K, V> reader, Duration maxAge,
                                                        int maxEntries, Clock clock) {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread refreshing = new Thread(task, name);
            refreshing.setDaemon(true);
            return refreshing;
        });
        return new RefreshAheadCache<>(reader, maxAge, maxEntries, clock, thread, thread);
    }

    /** A cache whose refreshes run on {@code refresher} (tests pass one they run by hand). */
    public RefreshAheadCache(Function<K, V> reader, Duration maxAge, int maxEntries, Clock clock, Executor refresher) {
        this(reader, maxAge, maxEntries, clock, refresher, null);
    }

    private RefreshAheadCache(Function<K, V> reader, Duration maxAge, int maxEntries, Clock clock, Executor refresher,
                              ExecutorService ownThread) {
        this.reader = reader;
        this.maxAge = maxAge;
        this.refreshAfter = maxAge.dividedBy(2);
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.refresher = refresher;
        this.ownThread = ownThread;
    }

    public V get(K key) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry == null || !now.isBefore(entry.readAt.plus(maxAge))) {
            return read(key, now);
        }
        if (!now.isBefore(entry.readAt.plus(refreshAfter)) && refreshing.add(key)) {
            try {
                refresher.execute(() -> refresh(key));
            } catch (RejectedExecutionException closing) {
                refreshing.remove(key);
            }
        }
        return entry.value;
    }

    /** Forgets every value, also those being read right now. */
    public void clear() {
        clears.incrementAndGet();
        entries.clear();
    }

    private V read(K key, Instant readAt) {
        long clearsBefore = clears.get();
        V value = reader.apply(key);
        Entry<V> entry = new Entry<>(value, readAt);
        if (entries.size() >= maxEntries) {
            entries.clear();  // keys asked for once (unknown API keys by the thousand, idle tenants) must not pile up
        }
        entries.put(key, entry);
        if (clears.get() != clearsBefore) {
            entries.remove(key, entry);
        }
        return value;
    }

    private void refresh(K key) {
        try {
            read(key, clock.instant());
        } catch (RuntimeException failed) {
            // callers keep the value they have until it is maxAge old, then read it themselves and see the failure
            log.debug("Could not refresh the cached value of {}", key, failed);
        } finally {
            refreshing.remove(key);
        }
    }

    @Override
    public void close() {
        if (ownThread != null) {
            ownThread.shutdownNow();
        }
    }
}
