package dev.saascore.ui.security;

import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.MetaDataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Adds the signed-in caller (tenant, actor, roles) to every command and query as metadata, replacing
 * anything a sender put there: nobody passes identity by hand, so nobody can forge it.
 */
class CallerMetaDataInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    private static final Set<String> CALLER_KEYS =
            Set.of(MetaDataKeys.ACTOR_ID, MetaDataKeys.TENANT_ID, MetaDataKeys.ROLES);

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> currentCaller()
                .map(caller -> (M) message.andMetaData(caller.toMetaData()))
                .orElseGet(() -> (M) message.withMetaData(message.getMetaData().withoutKeys(CALLER_KEYS)));
    }

    static Optional<Caller> currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof StaffPrincipal staff) {
            return Optional.of(staff.caller());
        }
        if (authentication.getPrincipal() instanceof Caller system) {
            return Optional.of(system);
        }
        return Optional.empty();
    }
}
