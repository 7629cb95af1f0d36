package dev.saascore.command.ai.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(AiDefaultLimits.class)
class AiLimitsConfiguration {
}
