package dev.saascore.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

/**
 * This JVM's stop-the-world collections while it is open (the application and the load generator share the JVM,
 * so every pause stalls both): how many, how long in all, the longest. Concurrent collections are left out.
 */
final class GcPauses implements AutoCloseable {

    private final List<Long> pauses = new ArrayList<>();
    private final List<NotificationEmitter> collectors = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private GcPauses() {
    }

    static GcPauses watch() {
        GcPauses watch = new GcPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter && !concurrent(collector.getName())) {
                emitter.addNotificationListener(watch.listener, null, null);
                watch.collectors.add(emitter);
            }
        }
        return watch;
    }

    /** ZGC's and Shenandoah's "Cycles" (and G1's "Concurrent GC" on newer JDKs) run beside the application. */
    private static boolean concurrent(String collector) {
        return collector.contains("Cycles") || collector.contains("Concurrent");
    }

    private void collected(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            synchronized (pauses) {
                pauses.add(info.getGcInfo().getDuration());
            }
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter collector : collectors) {
            try {
                collector.removeNotificationListener(listener);
            } catch (ListenerNotFoundException gone) {
                // nothing to remove
            }
        }
    }

    @Override
    public String toString() {
        LongSummaryStatistics stopped;
        synchronized (pauses) {
            stopped = pauses.stream().mapToLong(Long::longValue).summaryStatistics();
        }
        return String.format("GC pauses: %d, %d ms in all, longest %d ms", stopped.getCount(), stopped.getSum(),
                stopped.getCount() == 0 ? 0 : stopped.getMax());
    }
}
