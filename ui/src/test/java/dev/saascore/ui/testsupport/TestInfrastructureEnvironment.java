package dev.saascore.ui.testsupport;

import dev.saascore.ui.infrastructure.InfrastructureEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Points every test application context at this run's fresh database and at a test Redis. */
public class TestInfrastructureEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return InfrastructureEnvironment.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addFirst(new MapPropertySource("saas-test-infrastructure", Map.of(
                    "saas.database.url", TestDatabase.jdbcUrl(),
                    "saas.redis.url", TestRedis.url(),
                    "saas.data-dir", Files.createTempDirectory("saas-test-data").toString(),
                    // tests read invitation links from the local outbox, as a developer in embedded mode would
                    "saas.mail.local-outbox", "true")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
