package dev.saascore.ui.views;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantSummary;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * The Tenants view's way to the platform: commands through the CommandGateway, the directory through the
 * QueryGateway. After a command it waits (briefly) until the directory projection shows the change, so
 * the list the administrator sees next already includes it.
 */
@SpringComponent
@UIScope
class TenantDirectoryClient {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final QueryGateway queries;

    TenantDirectoryClient(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    List<TenantSummary> list() {
        return queries.query(new ListTenants(), TenantDirectory.class).join().tenants();
    }

    /** Sends the command; returns once the directory reflects a change of that tenant (or after a timeout). */
    void sendAndAwait(TenantId tenantId, Object command) {
        // subscribe before sending, so the update cannot slip past between the two
        try (SubscriptionQueryResult<TenantDirectory, TenantSummary> subscription = queries.subscriptionQuery(
                new ListTenants(), ResponseTypes.instanceOf(TenantDirectory.class),
                ResponseTypes.instanceOf(TenantSummary.class))) {
            subscription.initialResult().block(PROJECTION_WAIT);
            commands.sendAndWait(command);
            // a lagging directory is no failure: the command succeeded, so stop waiting quietly (blockFirst's
            // own timeout would throw, and the view would report an error for a tenant it had onboarded)
            subscription.updates().filter(summary -> summary.tenantId().equals(tenantId)).next()
                    .timeout(PROJECTION_WAIT, Mono.empty()).block();
        }
    }
}
