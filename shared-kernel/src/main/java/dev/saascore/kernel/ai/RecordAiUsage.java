package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.messaging.PlatformAdministration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records settled calls and refusals of one tenant and period on its usage meter (sent only by the gateway's
 * usage recorder, as the system actor; calls already recorded, by request id, are skipped).
 *
 * @param periodTokenBudget the tenant's budget for the period when the calls were admitted (for thresholds)
 */
public record RecordAiUsage(@TargetAggregateIdentifier UsageMeterId meterId, long periodTokenBudget,
                            List<AiCall> calls, List<AiRejection> rejections)
        implements TenantScoped, PlatformAdministration {

    public RecordAiUsage {
        calls = List.copyOf(calls);
        rejections = List.copyOf(rejections);
    }

    @Override
    public TenantId tenantId() {
        return meterId.tenantId();
    }
}
