package dev.saascore.query.tenancy;

import dev.saascore.kernel.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Runs read-model work in a transaction scoped to one tenant. Where query handlers run inside the query bus's
 * transaction (Axon's default, kept with Axon Server; our local bus has none), the work joins it: one pooled
 * connection per query. A transaction of its own (REQUIRES_NEW) held two, and as many concurrent queries as the
 * pool has connections then waited for each other until the pool's timeout (found by benchmark P4). The tenant
 * setting ends with the joined transaction.
 */
@Component
public class TenantTransactions {

    private final TransactionTemplate readOnly;
    private final TenantContext tenantContext;

    public TenantTransactions(PlatformTransactionManager transactionManager, TenantContext tenantContext) {
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.tenantContext = tenantContext;
    }

    public <T> T read(TenantId tenantId, Supplier<T> work) {
        return readOnly.execute(status -> {
            tenantContext.enter(tenantId);
            return work.get();
        });
    }
}
