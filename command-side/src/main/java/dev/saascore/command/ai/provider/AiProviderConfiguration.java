package dev.saascore.command.ai.provider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code saas.ai.upstream.*} for {@link AiProviders}. */
@Configuration
@EnableConfigurationProperties(AiProviderProperties.class)
class AiProviderConfiguration {
}
