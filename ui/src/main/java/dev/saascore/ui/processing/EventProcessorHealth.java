package dev.saascore.ui.processing;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Iterator;

/**
 * {@code /actuator/health} shows each processing group as a component of {@code eventProcessors}: DEGRADED when it
 * has dead letters, a failing segment on this node, or is stuck behind the head. DEGRADED, not DOWN: commands and
 * the other projections still work, and a stuck projection on every node must not take every node out of the load
 * balancer. The overall status shows DEGRADED too (answered with 200, see application.yml), so it is seen.
 */
@Component("eventProcessors")
class EventProcessorHealth implements CompositeHealthContributor {

    static final Status DEGRADED = new Status("DEGRADED", "An event processor needs attention");

    private final EventProcessorWatch watch;

    EventProcessorHealth(EventProcessorWatch watch) {
        this.watch = watch;
    }

    @Override
    public HealthContributor getContributor(String processingGroup) {
        return watch.processingGroups().contains(processingGroup) ? indicator(processingGroup) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return watch.processingGroups().stream()
                .map(group -> NamedContributor.of(group, (HealthContributor) indicator(group)))
                .iterator();
    }

    private HealthIndicator indicator(String processingGroup) {
        return () -> {
            EventProcessorWatch.GroupStatus status = watch.current().get(processingGroup);
            if (status == null) {
                return Health.unknown().build();
            }
            Health.Builder health = status.healthy() ? Health.up() : Health.status(DEGRADED);
            health.withDetail("position", status.position())
                    .withDetail("lag", status.lag())
                    .withDetail("deadLetters", status.deadLetters());
            if (!status.failingSegments().isEmpty()) {
                health.withDetail("failingSegments", status.failingSegments());
            }
            if (status.stuckSince() != null) {
                health.withDetail("stuckSince", status.stuckSince().toString());
            }
            return health.build();
        };
    }
}
