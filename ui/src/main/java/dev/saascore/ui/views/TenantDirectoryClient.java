package dev.saascore.ui.views;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantSummary;
import org.axonframework.queryhandling.QueryGateway;

import java.util.List;

/**
 * The Tenants view's way to the platform: commands through the CommandGateway, the directory through the
 * QueryGateway. After a command it waits (briefly) until the directory projection shows the change, so
 * the list the administrator sees next already includes it.
 */
@SpringComponent
@UIScope
class TenantDirectoryClient {

    private final CommandsAwaitingProjections commands;
    private final QueryGateway queries;

    TenantDirectoryClient(CommandsAwaitingProjections commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    List<TenantSummary> list() {
        return queries.query(new ListTenants(), TenantDirectory.class).join().tenants();
    }

    /** Sends the command; returns once the directory reflects a change of that tenant (or after a timeout). */
    void sendAndAwait(TenantId tenantId, Object command) {
        commands.sendAndAwait(command, new ListTenants(), TenantDirectory.class, TenantSummary.class,
                summary -> summary.tenantId().equals(tenantId));
    }

    /** The tenant's AI limits as the gateway applies them (the platform's defaults until some are set). */
    AiAdmission aiAdmission(TenantId tenantId) {
        return queries.query(new FindAiAdmission(tenantId, null), AiAdmission.class).join();
    }

    /** No list shows AI limits, so there is no projection to wait for. */
    void setAiLimits(SetAiLimits command) {
        commands.send(command);
    }
}
