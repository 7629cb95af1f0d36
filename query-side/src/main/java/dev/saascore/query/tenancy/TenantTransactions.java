package dev.saascore.query.tenancy;

import dev.saascore.kernel.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/** Runs read-model work in its own transaction scoped to one tenant. */
@Component
public class TenantTransactions {

    private final TransactionTemplate readOnly;
    private final TenantContext tenantContext;

    public TenantTransactions(PlatformTransactionManager transactionManager, TenantContext tenantContext) {
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.tenantContext = tenantContext;
    }

    public <T> T read(TenantId tenantId, Supplier<T> work) {
        return readOnly.execute(status -> {
            tenantContext.enter(tenantId);
            return work.get();
        });
    }
}
