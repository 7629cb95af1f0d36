package dev.saascore.ui.infrastructure;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Stops the embedded PostgreSQL and Redis last: the connection pools are made to depend on this bean, so
 * Spring destroys them (after Axon's processors have stopped) before it, and nothing talks to a server
 * that is already gone.
 */
@Configuration
class EmbeddedServersShutdown {

    static final String BEAN = "embeddedServers";

    @Bean(BEAN)
    DisposableBean embeddedServers() {
        return () -> {
            if (EmbeddedServers.running()) {
                EmbeddedServers.stop();
            }
        };
    }

    @Bean
    static BeanFactoryPostProcessor connectionPoolsOutliveNothingEmbedded() {
        return factory -> Stream.of("dataSource", "redisConnectionFactory")
                .filter(factory::containsBeanDefinition)
                .map(factory::getBeanDefinition)
                .forEach(EmbeddedServersShutdown::dependOnEmbeddedServers);
    }

    private static void dependOnEmbeddedServers(BeanDefinition pool) {
        String[] dependsOn = pool.getDependsOn() == null ? new String[0] : pool.getDependsOn();
        String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 1);
        extended[dependsOn.length] = BEAN;
        pool.setDependsOn(extended);
    }
}
