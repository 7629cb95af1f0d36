package dev.saascore.command.ai.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the gateway admits calls.
 *
 * @param maxTokensCeiling the most completion tokens a call may ask for; also the default when it asks none
 * @param maxPromptTokens  longer prompts are refused before anything is reserved
 * @param reservationTtl   how long a hold lives when its node dies; must exceed the upstream's request timeout
 * @param failOpen         when Redis cannot be reached: true admits calls unmetered by Redis (usage is still
 *                         recorded), false (the default) refuses them with 503
 * @param admissionCache   how long a tenant's status and limits are reused before they are read again
 * @param prices           KWD per 1,000 tokens of every model served, {@code model=prompt/completion} separated by
 *                         commas, e.g. {@code gpt-4o-mini=0.046/0.184} (a served model without a price stops start-up)
 */
@ConfigurationProperties("saas.ai.gateway")
public record AiGatewayProperties(
        @DefaultValue("4096") int maxTokensCeiling,
        @DefaultValue("16000") int maxPromptTokens,
        @DefaultValue("10m") Duration reservationTtl,
        @DefaultValue("false") boolean failOpen,
        @DefaultValue("1s") Duration admissionCache,
        @DefaultValue("") String prices) {
}
