package dev.saascore.ui.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Suspension and deactivation also end sessions that were open before them: on every navigation a tenant
 * staff member's account is looked up again, and a suspended, deactivated or removed account is signed out.
 */
@Component
@ConditionalOnProperty(name = "saas.roles.ui", havingValue = "true", matchIfMissing = true)
class SuspendedTenantSignOut implements VaadinServiceInitListener {

    private final StaffAccounts accounts;
    private final AuthenticationContext authentication;

    SuspendedTenantSignOut(StaffAccounts accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::checkAccount));
    }

    private void checkAccount(BeforeEnterEvent event) {
        authentication.getAuthenticatedUser(StaffPrincipal.class)
                .filter(principal -> principal.account().tenantId() != null)
                .filter(principal -> !accounts.isStillActive(principal.getUsername()))
                .ifPresent(principal -> authentication.logout());
    }
}
