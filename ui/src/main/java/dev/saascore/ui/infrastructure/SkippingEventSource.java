package dev.saascore.ui.infrastructure;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the pooled processors read it ({@code source: skippingEventSource} in application.yml): each
 * stream leaves out the events of the payload types its processor said it has no handler for
 * ({@link BlockingStream#skipMessagesWithPayloadTypeOf}, which Axon Server honours and the embedded store ignores).
 * Most events are AI usage that only one processor handles; without this, every other processor handed each of them
 * to its work packages, woke their threads, timed and counted it as ignored (benchmark P3, ADR 0006).
 * <p>
 * A skipped event that is the newest one available, or the {@value #MOST_SKIPPED_AT_ONCE}th skipped in a row, is still
 * delivered: the processor's token moves past what it skipped (a restart does not walk those events again), and a
 * processor far behind still gets back to its coordinator's other work between stretches of skipping.
 */
final class SkippingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    static final int MOST_SKIPPED_AT_ONCE = 1_000;

    /** Under the name the processors' {@code source} setting gives, on whichever event store is configured. */
    @Configuration
    static class Registration {
        @Bean
        SkippingEventSource skippingEventSource(EventStore eventStore) {
            return new SkippingEventSource(eventStore);
        }
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> events;

    SkippingEventSource(StreamableMessageSource<TrackedEventMessage<?>> events) {
        this.events = events;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SkippingStream(events.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    /**
     * One processor's stream. Used by one coordinator at a time, as every event stream is. Skipping happens only in
     * {@link #hasNextAvailable(int, TimeUnit)}, so what {@link #peek()} shows is what {@link #nextAvailable()} gives.
     */
    static final class SkippingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private final Set<Class<?>> skippedTypes = new HashSet<>();
        /** A skipped event taken from {@link #events} while nothing followed it: delivered unless something does. */
        private TrackedEventMessage<?> newestSkipped;

        SkippingStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            skipAhead();
            if (newestSkipped != null) {
                return true;
            }
            if (!events.hasNextAvailable(timeout, unit)) {
                return false;
            }
            skipAhead();
            return true;
        }

        /** Takes skipped events off the stream up to the next one to deliver or the newest available. */
        private void skipAhead() {
            if (skippedTypes.isEmpty()) {
                return;  // nothing to skip yet: the coordinator reads the stream as it is
            }
            for (int skipped = 0; skipped < MOST_SKIPPED_AT_ONCE && events.hasNextAvailable(); skipped++) {
                TrackedEventMessage<?> head = events.peek().orElseThrow();
                if (!skippedTypes.contains(head.getPayloadType())) {
                    newestSkipped = null;  // the head comes after it, so the token still moves past it
                    return;
                }
                try {
                    newestSkipped = events.nextAvailable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return newestSkipped != null ? Optional.of(newestSkipped) : events.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            if (newestSkipped != null) {
                TrackedEventMessage<?> next = newestSkipped;
                newestSkipped = null;
                return next;
            }
            return events.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skippedTypes.add(ignoredMessage.getPayloadType());
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
