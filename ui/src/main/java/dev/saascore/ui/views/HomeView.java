package dev.saascore.ui.views;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.identity.Role;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.PermitAll;

/** Sends each person to their starting view: platform staff to Tenants, tenant staff to Organisation. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final AuthenticationContext authentication;

    public HomeView(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean platformAdmin = authentication.getAuthenticatedUser(StaffPrincipal.class)
                .map(principal -> principal.hasRole(Role.PLATFORM_ADMIN)).orElse(false);
        event.forwardTo(platformAdmin ? TenantsView.class : OrganisationView.class);
    }
}
