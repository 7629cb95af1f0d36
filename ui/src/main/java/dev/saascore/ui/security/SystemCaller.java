package dev.saascore.ui.security;

import dev.saascore.kernel.messaging.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.function.Supplier;

/** Runs start-up work (seeding) as the platform's own system actor, so its messages carry a caller too. */
public final class SystemCaller {

    private SystemCaller() {
    }

    public static <T> T call(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new SystemAuthentication());
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static final class SystemAuthentication extends AbstractAuthenticationToken {

        SystemAuthentication() {
            super(AuthorityUtils.createAuthorityList("ROLE_PLATFORM_ADMIN"));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return Caller.system();
        }
    }
}
