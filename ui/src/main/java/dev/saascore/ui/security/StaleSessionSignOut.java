package dev.saascore.ui.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Suspension, deactivation and role changes also reach sessions that were open before them: on every
 * navigation a tenant staff member's account is looked up again, and the session ends when the account is
 * suspended, deactivated, removed or holds other roles than at sign-in (a demoted admin keeps no admin rights).
 */
@Component
@ConditionalOnProperty(name = "saas.roles.ui", havingValue = "true", matchIfMissing = true)
class StaleSessionSignOut implements VaadinServiceInitListener {

    private final StaffAccounts accounts;
    private final AuthenticationContext authentication;

    StaleSessionSignOut(StaffAccounts accounts, AuthenticationContext authentication) {
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
                .filter(principal -> !accounts.isStillAsSignedIn(principal.account()))
                .ifPresent(principal -> authentication.logout());
    }
}
