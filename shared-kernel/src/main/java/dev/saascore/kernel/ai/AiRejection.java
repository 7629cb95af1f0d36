package dev.saascore.kernel.ai;

import java.time.Instant;
import java.util.UUID;

/** One refused gateway call, as the gateway hands it to the usage meter. */
public record AiRejection(UUID requestId, String actorId, String model, AiRejectionReason reason, String detail,
                          Instant occurredAt) {
}
