package dev.saascore.ui.infrastructure;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's cache of newest events, unlinked behind its oldest event: nothing a processor reads changes,
 * and an event that left the cache no longer keeps the later ones reachable.
 */
class EventCacheUnlinkerTest {

    private static final int CACHED = 3;

    private EmbeddedEventStore store;
    private EventCacheUnlinker unlinker;

    @BeforeEach
    void storeWithATinyCache() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).cachedEvents(CACHED)
                .build();
        unlinker = EventCacheUnlinker.create(store);
    }

    @AfterEach
    void shutDown() {
        unlinker.close();
        store.shutDown();
    }

    @Test
    void aStreamThatFellBehindTheCacheStillReadsEveryEventInOrder() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> keepingUp = store.openStream(null);
             BlockingStream<TrackedEventMessage<?>> fallingBehind = store.openStream(null)) {
            List<Object> published = new ArrayList<>();
            List<Object> readLate = new ArrayList<>();
            for (int i = 0; i < 4 * CACHED; i++) {
                published.add("event " + i);
                store.publish(GenericEventMessage.asEventMessage("event " + i));
                assertThat(next(keepingUp)).isEqualTo("event " + i);
                if (i < CACHED) { // reads from the cache, then stops while the cache moves on and is cut behind
                    readLate.add(next(fallingBehind));
                    tailTheCache(fallingBehind);
                }
                tailTheCache(keepingUp);
                unlinker.unlinkDropped();
            }

            while (readLate.size() < published.size()) {
                readLate.add(next(fallingBehind));
            }
            assertThat(readLate).isEqualTo(published);
        }
    }

    @Test
    void anEventThatLeftTheCacheNoLongerLinksToTheLaterOnes() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> reader = store.openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("read from the database"));
            next(reader);
            tailTheCache(reader);
            store.publish(GenericEventMessage.asEventMessage("first cached"));
            next(reader);
            Object firstCached = field(EmbeddedEventStore.class, "oldest").get(store); // as if promoted: held
            assertThat(field(firstCached.getClass(), "event").get(firstCached))
                    .extracting(event -> ((TrackedEventMessage<?>) event).getPayload()).isEqualTo("first cached");
            unlinker.unlinkDropped();
            for (int i = 0; i < 2 * CACHED; i++) {
                store.publish(GenericEventMessage.asEventMessage("later " + i));
                next(reader);
                unlinker.unlinkDropped();
            }

            assertThat(field(firstCached.getClass(), "next").get(firstCached))
                    .as("the first event's link to the next one, after it left the cache").isNull();
        }
    }

    /** A stream that has read all there is moves from its own database stream to the shared cache. */
    private static void tailTheCache(BlockingStream<TrackedEventMessage<?>> stream) {
        assertThat(stream.hasNextAvailable()).as("nothing left to read").isFalse();
    }

    private static Object next(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("an event within 5 s").isTrue();
        return stream.nextAvailable().getPayload();
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
