package dev.saascore.ui.processing;

import jakarta.persistence.EntityManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each streaming processor (one per processing group) is doing: how far behind the event store's head its
 * slowest segment is (read from the token store, so it covers the segments every node holds), how many events it
 * has parked as dead letters, which of this node's segments are failing, and whether it is stuck (behind, and its
 * position has not moved for {@link #STUCK_AFTER}). Health and metrics read it; it is read again at most every
 * {@link #FRESH_FOR}, so probes and scrapes cost a few small queries, not one per request.
 */
@Component
public class EventProcessorWatch {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    /**
     * @param lag             events between the slowest segment's position and the head of the event store
     * @param deadLetters     events parked for this group
     * @param failingSegments this node's segments in error, with the error
     * @param stuckSince      when the position last moved while the processor was behind; null: not stuck
     */
    public record GroupStatus(String processingGroup, long position, long lag, long deadLetters,
                              List<String> failingSegments, Instant stuckSince) {

        public boolean healthy() {
            return deadLetters == 0 && failingSegments.isEmpty() && stuckSince == null;
        }
    }

    private record Progress(long position, Instant since) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EntityManager entityManager;
    private final Serializer serializer;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    private Map<String, GroupStatus> current = Map.of();
    private Instant readAt = Instant.MIN;

    EventProcessorWatch(EventProcessingConfiguration processing, EventStore eventStore, EntityManager entityManager,
                        Serializer serializer, PlatformTransactionManager transactions, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.entityManager = entityManager;
        this.serializer = serializer;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /** The streaming processors' names (each is its processing group's), sorted. */
    public List<String> processingGroups() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Every streaming processing group's status, at most {@link #FRESH_FOR} old. */
    public synchronized Map<String, GroupStatus> current() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH_FOR).isBefore(now)) {
            current = readAll(now);
            readAt = now;
        }
        return current;
    }

    private Map<String, GroupStatus> readAll(Instant now) {
        return readOnly.execute(transaction -> {
            long head = position(eventStore.createHeadToken());
            Map<String, GroupStatus> statuses = new TreeMap<>();
            for (String group : processingGroups()) {
                statuses.put(group, read(group, head, now));
            }
            return statuses;
        });
    }

    private GroupStatus read(String group, long head, Instant now) {
        long position = slowestSegment(group);
        long lag = Math.max(0, head - position);
        Progress moved = progress.compute(group, (name, last) ->
                last == null || last.position() != position || lag == 0 ? new Progress(position, now) : last);
        Instant stuckSince = lag > 0 && moved.since().plus(STUCK_AFTER).isBefore(now) ? moved.since() : null;
        long deadLetters = processing.deadLetterQueue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
        List<String> failing = processing.eventProcessor(group, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().entrySet().stream()
                        .filter(segment -> segment.getValue().isErrorState())
                        .map(segment -> "segment " + segment.getKey() + ": " + describe(segment.getValue()))
                        .toList())
                .orElse(List.of());
        return new GroupStatus(group, position, lag, deadLetters, failing, stuckSince);
    }

    /** The lowest position of the group's segments in the token store (0 for a segment that has none yet). */
    private long slowestSegment(String group) {
        return entityManager.createQuery("SELECT t FROM TokenEntry t WHERE t.processorName = :name", TokenEntry.class)
                .setParameter("name", group)
                .getResultStream()
                .mapToLong(entry -> position(entry.getToken(serializer)))
                .min().orElse(0);
    }

    private static long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.orElse(0);
    }

    private static String describe(EventTrackerStatus status) {
        Throwable error = status.getError();
        return error == null ? "in error" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
