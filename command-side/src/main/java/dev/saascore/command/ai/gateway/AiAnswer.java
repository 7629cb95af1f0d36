package dev.saascore.command.ai.gateway;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A settled call: what came back, what it used and what it cost.
 *
 * @param finishReason {@code stop}, or {@code length} when cut at max tokens
 * @param costKwd      exact, six decimals
 */
public record AiAnswer(UUID requestId, String model, String content, String finishReason, long promptTokens,
                       long completionTokens, BigDecimal costKwd, long latencyMillis) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
