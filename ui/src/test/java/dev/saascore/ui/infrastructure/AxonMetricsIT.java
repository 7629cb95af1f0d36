package dev.saascore.ui.infrastructure;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.TenantFixtures;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators scrape from Axon once messages flowed: timers and counters that count (registered at start-up,
 * MessageMeters), processor latency, but no capacity gauge keeping every message of the last ten minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AxonMetricsIT {

    @Autowired MeterRegistry meters;
    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;

    @BeforeEach
    void letCommandsQueriesAndEventsFlow() {
        String slug = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        TenantFixtures.onboard(commands, queries, new OnboardTenant(TenantId.random(), "Metrics Co", slug,
                UserId.random(), "Olivia Owner", slug + "@owner.test", passwords.encode("a long enough password")));
    }

    @Test
    void busesAndProcessorsAreTimedAndCounted() {
        for (String component : new String[] {"commandBus", "queryBus", "tenant-directory", "tenant-profiles"}) {
            assertThat(meters.find(component + ".allTimer").timer().count()).as(component).isPositive();
            assertThat(meters.find(component + ".ingestedCounter").counter().count()).as(component).isPositive();
        }
        assertThat(meters.find("commandBus.successCounter").counter().count()).isPositive();
        assertThat(meters.find("commandBus.successTimer").timer().count()).isPositive();
        assertThat(meters.find("tenant-directory.latency").meters()).isNotEmpty();
    }

    @Test
    void nothingKeepsEveryMessageOfTheLastTenMinutes() {
        assertThat(meters.getMeters()).map(Meter::getId).map(Meter.Id::getName)
                .noneMatch(name -> name.endsWith(".capacity") && !name.startsWith("jvm."));
    }
}
