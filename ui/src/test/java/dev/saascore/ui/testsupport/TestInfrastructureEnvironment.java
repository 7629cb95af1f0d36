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
import java.util.UUID;

/**
 * Points every test application context at this run's fresh database and at a test Redis, with sign-in
 * throttle keys of this run only (the machine's Redis is shared by every run, and its keys outlive them).
 */
public class TestInfrastructureEnvironment implements EnvironmentPostProcessor, Ordered {

    /** One per test run (JVM), shared by all its contexts so none of them is told apart by it. */
    private static final String RUN_PREFIX = "saas-test:" + UUID.randomUUID();
    public static final String SIGN_IN_KEY_PREFIX = RUN_PREFIX + ":sign-in:";
    /** AI quota keys and the usage outbox: another run on the same Redis must not take this run's entries. */
    private static final String AI_QUOTA_KEY_PREFIX = RUN_PREFIX + ":ai:";

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
                    "saas.sign-in.throttle.key-prefix", SIGN_IN_KEY_PREFIX,
                    "saas.ai.quota.key-prefix", AI_QUOTA_KEY_PREFIX,
                    "saas.data-dir", Files.createTempDirectory("saas-test-data").toString(),
                    // tests read invitation links from the local outbox, as a developer in embedded mode would
                    "saas.mail.local-outbox", "true",
                    // an external OpenID Connect issuer on localhost, with a tenant claim of its own name
                    "saas.oidc.issuer-uri", FakeOidcIssuer.instance().issuer(),
                    "saas.oidc.tenant-claim", "org_id")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
