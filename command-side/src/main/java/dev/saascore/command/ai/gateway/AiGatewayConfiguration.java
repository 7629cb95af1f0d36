package dev.saascore.command.ai.gateway;

import dev.saascore.command.ai.provider.AiProviders;
import dev.saascore.command.ai.quota.QuotaStore;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.command.messaging.SystemActor;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(AiGatewayProperties.class)
class AiGatewayConfiguration {

    @Bean
    AdmissionCache aiAdmissionCache(QueryGateway queries, AiGatewayProperties settings, Clock clock) {
        return new AdmissionCache(queries, settings.admissionCache(), clock);
    }

    @Bean
    UsageSender aiUsageSender(CommandGateway commands, SystemActor system) {
        return new UsageSender(commands, system);
    }

    @Bean
    AiGateway aiGateway(AiProviders providers, TokenCounter tokens, QuotaStore quotas, AdmissionCache admissions,
                        QueryGateway queries, UsageSender recorder, AiGatewayProperties settings, Clock clock) {
        return new AiGateway(providers, tokens, quotas, admissions, queries, recorder, settings, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "saas.ai.usage.outbox-pump", havingValue = "true", matchIfMissing = true)
    UsageOutboxPump aiUsageOutboxPump(QuotaStore quotas, UsageSender recorder) {
        return new UsageOutboxPump(quotas, recorder);
    }
}
