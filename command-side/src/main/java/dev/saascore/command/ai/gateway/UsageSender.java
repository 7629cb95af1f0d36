package dev.saascore.command.ai.gateway;

import dev.saascore.command.messaging.SystemActor;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.ai.UsageMeterId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends usage to the usage meter as the system actor: in batches from the Redis outbox, or one call at a time
 * when Redis cannot be reached. Recording is idempotent by request id, so sending a batch twice is harmless.
 */
public class UsageSender {

    private static final Logger log = LoggerFactory.getLogger(UsageSender.class);

    private final CommandGateway commands;
    private final SystemActor system;

    public UsageSender(CommandGateway commands, SystemActor system) {
        this.commands = commands;
        this.system = system;
    }

    /** Records and waits; throws when the command side refused or failed. */
    public void recordAndWait(UsageMeterId meter, long periodTokenBudget, List<AiCall> calls, List<AiRejection> rejections) {
        system.call(() -> commands.sendAndWait(new RecordAiUsage(meter, periodTokenBudget, calls, rejections)));
    }

    /** Records without waiting (Redis is down and the caller must not wait); failures are logged. */
    public void record(UsageMeterId meter, long periodTokenBudget, List<AiCall> calls, List<AiRejection> rejections) {
        CompletableFuture<Object> sent = system.call(() ->
                commands.send(new RecordAiUsage(meter, periodTokenBudget, calls, rejections)));
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Could not record AI usage of {} ({} calls, {} refusals): {}", meter, calls.size(),
                        rejections.size(), failure.toString());
            }
        });
    }
}
