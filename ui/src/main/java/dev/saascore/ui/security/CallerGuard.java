package dev.saascore.ui.security;

import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.PlatformAdministration;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryExecutionException;

import java.util.Arrays;
import java.util.Optional;

/**
 * Authorises every command and query where it is handled, from the caller metadata: platform
 * administration needs a platform administrator; tenant-scoped messages need a caller of that same tenant;
 * a {@link SentBy} command needs one of its roles (platform administrators excepted, explicitly, from both).
 * A refusal names no other tenant's data.
 */
class CallerGuard implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Object payload = message.getPayload();
        SentBy sentBy = payload.getClass().getAnnotation(SentBy.class);
        boolean guarded = payload instanceof PlatformAdministration || payload instanceof TenantScoped || sentBy != null;
        if (guarded) {
            Optional<Caller> caller = Caller.fromMetaData(message.getMetaData());
            if (caller.isEmpty()) {
                throw refuse(message, Rejection.of(Rejection.FORBIDDEN, "Sign in first."));
            }
            if (payload instanceof PlatformAdministration && !caller.get().isPlatformAdmin()) {
                throw refuse(message, Rejection.of(Rejection.FORBIDDEN, "Only platform administrators may do this."));
            }
            if (payload instanceof TenantScoped scoped && !caller.get().mayActFor(scoped.tenantId())) {
                // answered as "not found" so the refusal does not confirm that the other tenant exists
                throw refuse(message, Rejection.of(Rejection.NOT_FOUND, "No such tenant."));
            }
            if (sentBy != null && !caller.get().isPlatformAdmin()
                    && Arrays.stream(sentBy.value()).noneMatch(caller.get().roles()::contains)) {
                throw refuse(message, Rejection.of(Rejection.FORBIDDEN, "Your role does not allow this."));
            }
        }
        return chain.proceed();
    }

    private static RuntimeException refuse(Message<?> message, Rejection rejection) {
        return message instanceof CommandMessage
                ? new CommandExecutionException(rejection.message(), null, rejection)
                : new QueryExecutionException(rejection.message(), null, rejection);
    }
}
