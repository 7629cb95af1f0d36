package dev.saascore.command.ai.usage;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A meter's stream gets an event per call, so command latency must not grow with it (DESIGN.md section 9, P6): the
 * meter is cached while in use, and every {@code saas.ai.usage.snapshot-threshold} events (default 100) a snapshot
 * is taken in the background, so even a meter loaded afresh reads at most that many events after its snapshot.
 */
@Configuration
class AiUsageMeterConfiguration {

    static final String CACHE = "aiUsageMeterCache";
    static final String SNAPSHOTS = "aiUsageMeterSnapshots";

    @Bean(CACHE)
    Cache aiUsageMeterCache() {
        return new WeakReferenceCache();
    }

    @Bean(SNAPSHOTS)
    SnapshotTriggerDefinition aiUsageMeterSnapshots(Snapshotter snapshotter,
                                                    @Value("${saas.ai.usage.snapshot-threshold:100}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("saas.ai.usage.snapshot-threshold must be at least 1, not " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
