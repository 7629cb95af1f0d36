package dev.saascore.query.tenancy;

import dev.saascore.kernel.TenantScoped;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Scopes each event's handling to the event's own tenant. It runs per event, not per batch, because one
 * batch of a streaming processor can hold events of many tenants. Events without a tenant run with none,
 * so they cannot touch tenant rows.
 */
class TenantScopedEventInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final TenantContext tenantContext;

    TenantScopedEventInterceptor(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        tenantContext.enter(payload instanceof TenantScoped scoped ? scoped.tenantId() : null);
        return chain.proceed();
    }
}
