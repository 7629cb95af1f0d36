package dev.saascore.command.ai.usage;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRequestRejected;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.AiUsageThresholdReached;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.ai.UsageMeterId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One tenant's AI usage in one billing period: every settled call and every refusal, and the 80 % and 100 %
 * marks of the period's budget, each reached at most once. Its stream grows with every call, so it keeps only
 * the little state its rules need, is cached, and is snapshotted every few events ({@link AiUsageMeterConfiguration}).
 * <p>
 * A snapshot is this object as JSON: the public getters name the state it holds (Jackson writes what they
 * return and reads it back into the fields).
 */
@Aggregate(cache = AiUsageMeterConfiguration.CACHE, snapshotTriggerDefinition = AiUsageMeterConfiguration.SNAPSHOTS)
@Revision("1") // of the snapshot's shape: snapshots of another revision are ignored and the stream is read instead
public class AiUsageMeter {

    static final int WARNING_PERCENT = 80;
    static final int EXHAUSTED_PERCENT = 100;

    @AggregateIdentifier
    private UsageMeterId meterId;
    private long tokensUsed;
    private boolean warned;
    private boolean exhausted;

    protected AiUsageMeter() {
        // created empty by the recorder (first usage of the period) and by Axon
    }

    /**
     * Records the calls and refusals whose request ids {@link AiUsageRecorder} could claim (the others were
     * recorded before). A threshold is checked after each call against the budget the command brings, so a budget
     * changed during the period counts from then on; a threshold once reached stays reached for the period.
     */
    void record(RecordAiUsage command, Set<UUID> claimed) {
        Set<UUID> unrecorded = new HashSet<>(claimed);
        UsageMeterId meter = command.meterId();
        long budget = command.periodTokenBudget();
        for (AiCall call : command.calls()) {
            if (unrecorded.remove(call.requestId())) {
                apply(new AiUsageRecorded(call.requestId(), meter.tenantId(), meter.period(), call.actorId(),
                        call.model(), call.promptTokens(), call.completionTokens(), call.costKwd(),
                        call.latencyMillis(), call.streamed(), call.occurredAt(), budget));
                reachThresholds(meter, budget, call.occurredAt());
            }
        }
        for (AiRejection rejection : command.rejections()) {
            if (unrecorded.remove(rejection.requestId())) {
                apply(new AiRequestRejected(rejection.requestId(), meter.tenantId(), meter.period(),
                        rejection.actorId(), rejection.model(), rejection.reason(), rejection.detail(),
                        rejection.occurredAt()));
            }
        }
    }

    private void reachThresholds(UsageMeterId meter, long budget, Instant at) {
        if (!warned && reached(WARNING_PERCENT, budget)) {
            apply(new AiUsageThresholdReached(meter.tenantId(), meter.period(), WARNING_PERCENT, tokensUsed, budget, at));
        }
        if (!exhausted && reached(EXHAUSTED_PERCENT, budget)) {
            apply(new AiUsageThresholdReached(meter.tenantId(), meter.period(), EXHAUSTED_PERCENT, tokensUsed, budget, at));
        }
    }

    private boolean reached(int percent, long budget) {
        return tokensUsed * 100 >= budget * percent;
    }

    @EventSourcingHandler
    void on(AiUsageRecorded event) {
        identify(event.tenantId(), event.period());
        tokensUsed += event.totalTokens();
    }

    @EventSourcingHandler
    void on(AiRequestRejected event) {
        identify(event.tenantId(), event.period());
    }

    /** A meter's first event may be a call or a refusal. */
    private void identify(TenantId tenantId, BillingPeriod period) {
        if (meterId == null) {
            meterId = new UsageMeterId(tenantId, period);
        }
    }

    @EventSourcingHandler
    void on(AiUsageThresholdReached event) {
        if (event.percent() == WARNING_PERCENT) {
            warned = true;
        } else if (event.percent() == EXHAUSTED_PERCENT) {
            exhausted = true;
        }
    }

    public UsageMeterId getMeterId() {
        return meterId;
    }

    public long getTokensUsed() {
        return tokensUsed;
    }

    public boolean isWarned() {
        return warned;
    }

    public boolean isExhausted() {
        return exhausted;
    }
}
