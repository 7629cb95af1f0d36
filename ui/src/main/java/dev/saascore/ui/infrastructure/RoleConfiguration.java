package dev.saascore.ui.infrastructure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The command and query roles of this one jar, each switched by a property (SAAS_ROLE_COMMAND,
 * SAAS_ROLE_QUERY) so that, with Axon Server, they can run as separate services.
 */
final class RoleConfiguration {

    private RoleConfiguration() {
    }

    @Configuration
    @ConditionalOnProperty(name = "saas.roles.command", havingValue = "true", matchIfMissing = true)
    @ComponentScan("dev.saascore.command")
    static class CommandRole {
    }

    @Configuration
    @ConditionalOnProperty(name = "saas.roles.query", havingValue = "true", matchIfMissing = true)
    @ComponentScan("dev.saascore.query")
    static class QueryRole {
    }
}
