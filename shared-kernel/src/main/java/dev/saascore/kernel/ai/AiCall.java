package dev.saascore.kernel.ai;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One settled gateway call, as the gateway hands it to the usage meter.
 *
 * @param actorId   the staff member's user id, or {@code apikey:<key id>}
 * @param costKwd   exact cost at six decimals (prompt and completion priced per 1,000 tokens)
 * @param occurredAt when the call was admitted
 */
public record AiCall(UUID requestId, String actorId, String model, long promptTokens, long completionTokens,
                     BigDecimal costKwd, long latencyMillis, boolean streamed, Instant occurredAt) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
