package dev.saascore.command.ai.quota;

import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.UsageMeterId;

/**
 * A settled call or a refusal waiting in Redis to be recorded as an event.
 *
 * @param id               the stream entry id (to acknowledge)
 * @param call             set for a settled call, else null
 * @param rejection        set for a refusal, else null
 * @param periodTokenBudget the tenant's budget when the call was admitted or refused
 */
public record UsageOutboxEntry(String id, UsageMeterId meterId, long periodTokenBudget, AiCall call,
                               AiRejection rejection) {
}
