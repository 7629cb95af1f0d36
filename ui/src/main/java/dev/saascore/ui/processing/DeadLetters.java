package dev.saascore.ui.processing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What operators do with parked events (platform administrators, through the API): list them, retry one (its whole
 * sequence is handled again in order, as Axon does; a letter that fails again stays parked with the new cause), or
 * discard one, which the log records with who did it and why, since the projection then never sees that event.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** One parked event, without its payload (which may hold personal data). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Letter(String letterId, String processingGroup, String sequenceIdentifier, long sequenceIndex,
                         String eventIdentifier, String payloadType, String aggregateIdentifier, Long sequenceNumber,
                         Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage) {
    }

    public record Page(List<Letter> letters, String nextCursor) {
    }

    public enum RetryOutcome { HANDLED, FAILED_AGAIN }

    private static final String SELECT_LETTERS = """
            SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier,
                payload_type, aggregate_identifier, sequence_number, enqueued_at, last_touched, cause_type, cause_message
            FROM event_store.dead_letter_entry
            """;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transaction;

    DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Oldest first, {@code limit} at a time; the cursor is the last letter's id of the page before (letters are
     * ordered by enqueue time, then id, so a page never skips one that was parked meanwhile at the same instant).
     */
    public Page list(String processingGroup, String afterLetterId, int limit) {
        List<Letter> letters = jdbc.query(SELECT_LETTERS + """
                        WHERE (CAST(? AS text) IS NULL OR processing_group = ?)
                          AND (CAST(? AS text) IS NULL OR (enqueued_at, dead_letter_id) >
                               (SELECT enqueued_at, dead_letter_id FROM event_store.dead_letter_entry
                                WHERE dead_letter_id = ?))
                        ORDER BY enqueued_at, dead_letter_id
                        LIMIT ?""",
                DeadLetters::letter, processingGroup, processingGroup, afterLetterId, afterLetterId, limit + 1);
        boolean more = letters.size() > limit;
        List<Letter> page = more ? letters.subList(0, limit) : letters;
        return new Page(page, more ? page.get(page.size() - 1).letterId() : null);
    }

    public Optional<Letter> find(String letterId) {
        return jdbc.query(SELECT_LETTERS + " WHERE dead_letter_id = ?", DeadLetters::letter, letterId).stream()
                .findFirst();
    }

    /** Handles the letter's sequence again; empty when there is no such letter. */
    public Optional<RetryOutcome> retry(String letterId, String actor) {
        return find(letterId).map(letter -> {
            boolean handled = processing.sequencedDeadLetterProcessor(letter.processingGroup()).orElseThrow()
                    .process(candidate -> letterId.equals(idOf(candidate)));
            log.info("{} retried dead letter {} of {} (event {}): {}", actor, letterId, letter.processingGroup(),
                    letter.eventIdentifier(), handled ? "handled" : "failed again");
            return handled ? RetryOutcome.HANDLED : RetryOutcome.FAILED_AGAIN;
        });
    }

    /** Removes the letter for good; false when there is no such letter. */
    public boolean discard(String letterId, String actor, String reason) {
        Optional<Letter> found = find(letterId);
        if (found.isEmpty()) {
            return false;
        }
        Letter letter = found.get();
        SequencedDeadLetterQueue<EventMessage<?>> queue =
                processing.deadLetterQueue(letter.processingGroup()).orElseThrow();
        boolean evicted = Boolean.TRUE.equals(transaction.execute(status ->
                StreamSupport.stream(queue.deadLetterSequence(letter.sequenceIdentifier()).spliterator(), false)
                        .filter(candidate -> letterId.equals(idOf(candidate)))
                        .findFirst()
                        .map(candidate -> {
                            queue.evict(candidate);
                            return true;
                        })
                        .orElse(false)));
        if (evicted) {
            log.warn("{} discarded dead letter {} of {} (event {}, {}), reason: {}", actor, letterId,
                    letter.processingGroup(), letter.eventIdentifier(), letter.payloadType(), reason);
        }
        return evicted;
    }

    private static Letter letter(ResultSet row, int index) throws SQLException {
        return new Letter(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getObject(8, Long.class),
                instant(row.getObject(9, OffsetDateTime.class)), instant(row.getObject(10, OffsetDateTime.class)),
                row.getString(11), row.getString(12));
    }

    private static String idOf(DeadLetter<?> letter) {
        return letter instanceof JpaDeadLetter<?> jpa ? jpa.getId() : null;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
