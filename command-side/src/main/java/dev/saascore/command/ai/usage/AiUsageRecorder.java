package dev.saascore.command.ai.usage;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.command.tenant.TenantRegistry;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.money.TokenPrice;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Records a batch of usage idempotently: claims the batch's request ids first (in the command's transaction), then
 * lets the period's meter record only what it could claim. The meter is created with its first usage
 * (create-if-missing); a batch of nothing but already recorded ids does not even load it.
 */
@Component
public class AiUsageRecorder {

    private final Repository<AiUsageMeter> meters;
    private final UsageRequests requests;
    private final TenantRegistry tenants;

    public AiUsageRecorder(Repository<AiUsageMeter> meters, UsageRequests requests, TenantRegistry tenants) {
        this.meters = meters;
        this.requests = requests;
        this.tenants = tenants;
    }

    @CommandHandler
    public void handle(RecordAiUsage command) throws Exception {
        List<FieldViolation> violations = violations(command);
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        List<UUID> requestIds = Stream.concat(command.calls().stream().map(AiCall::requestId),
                command.rejections().stream().map(AiRejection::requestId)).distinct().toList();
        Set<UUID> claimed = requests.claim(command.tenantId(), requestIds);
        if (claimed.isEmpty()) {
            if (!tenants.isRegistered(command.tenantId())) {
                throw Rejections.refuse(Rejection.of(Rejection.NOT_FOUND, "No such tenant."));
            }
            return;
        }
        meters.loadOrCreate(command.meterId().toString(), AiUsageMeter::new)
                .execute(meter -> meter.record(command, claimed));
    }

    /** What the gateway handed over wrongly; every call and refusal must belong to the meter's period. */
    private static List<FieldViolation> violations(RecordAiUsage command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.periodTokenBudget() < 1) {
            violations.add(new FieldViolation("periodTokenBudget", "must be at least 1"));
        }
        BillingPeriod period = command.meterId().period();
        for (int i = 0; i < command.calls().size(); i++) {
            AiCall call = command.calls().get(i);
            String field = "calls[" + i + "].";
            common(violations, field, call.requestId(), call.actorId(), call.occurredAt(), period);
            if (isBlank(call.model())) {
                violations.add(new FieldViolation(field + "model", "is required"));
            }
            if (call.promptTokens() < 0 || call.completionTokens() < 0) {
                violations.add(new FieldViolation(field + "tokens", "must not be negative"));
            }
            if (!isCost(call.costKwd())) {
                violations.add(new FieldViolation(field + "costKwd", "must be zero or more, with at most "
                        + TokenPrice.SCALE + " decimals"));
            }
            if (call.latencyMillis() < 0) {
                violations.add(new FieldViolation(field + "latencyMillis", "must not be negative"));
            }
        }
        for (int i = 0; i < command.rejections().size(); i++) {
            AiRejection rejection = command.rejections().get(i);
            String field = "rejections[" + i + "].";
            common(violations, field, rejection.requestId(), rejection.actorId(), rejection.occurredAt(), period);
            if (rejection.reason() == null) {
                violations.add(new FieldViolation(field + "reason", "is required"));
            }
        }
        return violations;
    }

    private static void common(List<FieldViolation> violations, String field, UUID requestId, String actorId,
                               Instant occurredAt, BillingPeriod period) {
        if (requestId == null) {
            violations.add(new FieldViolation(field + "requestId", "is required"));
        }
        if (isBlank(actorId)) {
            violations.add(new FieldViolation(field + "actorId", "is required"));
        }
        if (occurredAt == null || !BillingPeriod.of(occurredAt).equals(period)) {
            violations.add(new FieldViolation(field + "occurredAt", "must lie in the period " + period));
        }
    }

    private static boolean isCost(BigDecimal cost) {
        return cost != null && cost.signum() >= 0 && cost.stripTrailingZeros().scale() <= TokenPrice.SCALE;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
