package dev.saascore.ui.infrastructure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The command and query roles of this one jar, each switched by a property (SAAS_ROLE_COMMAND,
 * SAAS_ROLE_QUERY) so that, with Axon Server, they can run as separate services; the AI gateway runs on every node.
 */
final class RoleConfiguration {

    private RoleConfiguration() {
    }

    @Configuration
    @ConditionalOnProperty(name = "saas.roles.command", havingValue = "true", matchIfMissing = true)
    @ComponentScan("dev.saascore.command")
    static class CommandRole {
    }

    /**
     * The AI gateway (its service, providers, tokenizer and Redis quotas) serves calls wherever the HTTP edge
     * runs, whatever the node's other roles: it reaches the usage meter and the read models through the buses.
     */
    @Configuration
    @ComponentScan({"dev.saascore.command.ai.gateway", "dev.saascore.command.ai.provider",
            "dev.saascore.command.ai.quota", "dev.saascore.command.ai.tokens"})
    static class AiGatewayRole {
    }

    @Configuration
    @ConditionalOnProperty(name = "saas.roles.query", havingValue = "true", matchIfMissing = true)
    @ComponentScan("dev.saascore.query")
    static class QueryRole {
    }
}
