package dev.saascore.ui.infrastructure;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a processor reads once it said it has no handler for a payload type: events of that type only where one is
 * the newest available (or ends a long stretch of them), so its token still moves; everything else in order.
 * Here the processor handles {@code String}s and has no handler for {@code Integer}s.
 */
class SkippingEventSourceTest {

    private final List<TrackedEventMessage<?>> store = new ArrayList<>();
    private final SkippingEventSource source = new SkippingEventSource(token -> new StoredEvents(store));

    @Test
    void eventsOfATypeTheProcessorHasNoHandlerForAreLeftOutBeforeTheNextEventItHandles() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            publish(1, "tenant onboarded");
            assertThat(readAll(stream)).containsExactly(1, "tenant onboarded");  // Integer not known yet as unhandled

            publish(2, 3, 4, "staff invited", 5, 6, "key issued");

            assertThat(readAll(stream)).containsExactly("staff invited", "key issued");
        }
    }

    @Test
    void theNewestEventIsDeliveredEvenWhenSkippedSoTheTokenMovesPastTheSkippedOnes() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            publish(1);
            readAll(stream);

            publish(2, 3, 4);
            List<TrackedEventMessage<?>> read = readMessages(stream);

            assertThat(read).<Object>extracting(TrackedEventMessage::getPayload).containsExactly(4);
            assertThat(read.get(0).trackingToken()).isEqualTo(store.get(store.size() - 1).trackingToken());
        }
    }

    @Test
    void aLongStretchOfSkippedEventsIsBrokenEveryThousandSoTheCoordinatorGetsItsTurn() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            publish(0);
            readAll(stream);

            publish(IntStream.rangeClosed(1, 2_500).boxed().toArray());

            assertThat(readAll(stream)).containsExactly(1_000, 2_000, 2_500);
        }
    }

    @Test
    void whatPeekShowsIsWhatComesNext() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            publish(1);
            readAll(stream);
            publish(2, 3);

            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            Object peeked = stream.peek().orElseThrow().getPayload();

            assertThat(stream.nextAvailable().getPayload()).isEqualTo(peeked).isEqualTo(3);
        }
    }

    private void publish(Object... payloads) {
        for (Object payload : payloads) {
            store.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(store.size()),
                    GenericEventMessage.asEventMessage(payload)));
        }
    }

    private static List<Object> readAll(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        return readMessages(stream).stream().<Object>map(TrackedEventMessage::getPayload).toList();
    }

    /** Reads as a pooled processor's coordinator does: an event it has no handler for makes it ask to skip the type. */
    private static List<TrackedEventMessage<?>> readMessages(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        while (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            read.add(event);
            if (event.getPayload() instanceof Integer) {
                stream.skipMessagesWithPayloadTypeOf(event);
            }
        }
        return read;
    }

    /** The events stored so far, each available as soon as it is stored (as a tailing stream sees them). */
    private static final class StoredEvents implements BlockingStream<TrackedEventMessage<?>> {
        private final List<TrackedEventMessage<?>> stored;
        private int next;

        StoredEvents(List<TrackedEventMessage<?>> stored) {
            this.stored = stored;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return next < stored.size() ? Optional.of(stored.get(next)) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return next < stored.size();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return stored.get(next++);
        }

        @Override
        public void close() {
        }
    }
}
