package dev.saascore.ui.infrastructure;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the platform's settings (DATABASE_URL, DATABASE_*_USER/PASSWORD, REDIS_URL) into Spring's
 * datasource, Flyway and Redis properties. With no database or Redis configured it starts embedded ones,
 * so the platform runs on a machine that has only a JDK.
 *
 * <p>The runtime role ({@code saas_app}) is the datasource; Flyway connects as the owner role.
 */
public class InfrastructureEnvironment implements EnvironmentPostProcessor, Ordered {

    /** After application.yml and environment variables are loaded, so it sees both. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 2;
    public static final String EMBEDDED_MODE = "saas.embedded-mode";

    private final Log log;

    public InfrastructureEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(InfrastructureEnvironment.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        Path dataDir = Path.of(env.getProperty("saas.data-dir", "data")).toAbsolutePath();
        boolean embedded = false;

        String databaseUrl = env.getProperty("saas.database.url", "");
        if (databaseUrl.isBlank()) {
            int port = EmbeddedServers.postgres(dataDir, log::warn);
            String server = "jdbc:postgresql://localhost:" + port + "/";
            PostgresProvisioning.provision(server, "postgres", "", "saas");
            databaseUrl = server + "saas";
            embedded = true;
            log.info("No DATABASE_URL configured: using the embedded PostgreSQL in " + dataDir.resolve("postgres"));
        }
        String jdbcUrl = JdbcUrls.toJdbc(databaseUrl);
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", env.getProperty("saas.database.app-user"));
        properties.put("spring.datasource.password", env.getProperty("saas.database.app-password", ""));
        properties.put("spring.flyway.url", jdbcUrl);
        properties.put("spring.flyway.user", env.getProperty("saas.database.owner-user"));
        properties.put("spring.flyway.password", env.getProperty("saas.database.owner-password", ""));
        properties.put("spring.flyway.placeholders.app_role", env.getProperty("saas.database.app-user"));

        String redisUrl = env.getProperty("saas.redis.url", "");
        if (redisUrl.isBlank()) {
            redisUrl = "redis://127.0.0.1:" + EmbeddedServers.redis(dataDir, log::warn);
            embedded = true;
            log.info("No REDIS_URL configured: using the embedded Redis at " + redisUrl);
        }
        properties.put("spring.data.redis.url", redisUrl);
        properties.put(EMBEDDED_MODE, embedded);
        if (!env.getProperty("saas.roles.ui", Boolean.class, true)) {
            // a command- or query-only node serves no views
            properties.put("spring.autoconfigure.exclude", String.join(",",
                    "com.vaadin.flow.spring.SpringBootAutoConfiguration",
                    "com.vaadin.flow.spring.SpringSecurityAutoConfiguration"));
        }

        env.getPropertySources().addFirst(new MapPropertySource("saas-infrastructure", properties));
    }
}
