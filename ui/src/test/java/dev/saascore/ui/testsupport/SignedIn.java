package dev.saascore.ui.testsupport;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.identity.SignInAccount;
import dev.saascore.ui.security.StaffPrincipal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;
import java.util.function.Supplier;

/** Runs test code as a signed-in person, exactly as the web edge would after sign-in. */
public final class SignedIn {

    private SignedIn() {
    }

    public static StaffPrincipal owner(TenantId tenantId) {
        return principal(tenantId, Role.OWNER);
    }

    public static StaffPrincipal platformAdmin() {
        return principal(null, Role.PLATFORM_ADMIN);
    }

    public static StaffPrincipal principal(TenantId tenantId, Role role) {
        return new StaffPrincipal(new SignInAccount(UserId.random(), tenantId, role.name().toLowerCase() + "@test.local",
                "Test " + role, "{noop}unused", Set.of(role), true, true));
    }

    public static <T> T as(StaffPrincipal principal, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void as(StaffPrincipal principal, Runnable work) {
        as(principal, () -> {
            work.run();
            return null;
        });
    }
}
