package dev.saascore.command.tenant;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A customer organisation on the platform: onboarded once, then suspended and reactivated with reasons. */
@Aggregate
public class Tenant {

    @AggregateIdentifier
    private TenantId tenantId;
    private TenantStatus status;

    protected Tenant() {
        // for Axon
    }

    /** Called by {@link TenantOnboardingHandler} after the input checks and the slug claim. */
    Tenant(OnboardTenant command) {
        apply(new TenantOnboarded(command.tenantId(), command.name().strip(), command.slug(), command.ownerId(),
                command.ownerName().strip(), TenantRules.normaliseEmail(command.ownerEmail()),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(SuspendTenant command) {
        requireReason(command.reason());
        if (status == TenantStatus.SUSPENDED) {
            throw Rejections.conflict("The tenant is already suspended.");
        }
        apply(new TenantSuspended(tenantId, command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(ReactivateTenant command) {
        requireReason(command.reason());
        if (status == TenantStatus.ACTIVE) {
            throw Rejections.conflict("The tenant is already active.");
        }
        apply(new TenantReactivated(tenantId, command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    private static void requireReason(String reason) {
        List<FieldViolation> violations = TenantRules.reason(reason);
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
    }

    @EventSourcingHandler
    void on(TenantOnboarded event) {
        tenantId = event.tenantId();
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantSuspended event) {
        status = TenantStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(TenantReactivated event) {
        status = TenantStatus.ACTIVE;
    }
}
