package dev.saascore.ui.views;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.identity.Role;
import dev.saascore.ui.security.StaffPrincipal;

/** The frame around every signed-in view; navigation shows only what the person's roles allow. */
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        StaffPrincipal principal = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow();

        H1 title = new H1("SaaS core");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Span who = new Span(principal.account().displayName() + " · " + principal.getUsername());
        who.setId("signed-in-as");
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav navigation = new SideNav();
        if (principal.hasRole(Role.PLATFORM_ADMIN)) {
            navigation.addItem(new SideNavItem("Tenants", TenantsView.class, VaadinIcon.BUILDING.create()));
        }
        if (principal.account().tenantId() != null) {
            navigation.addItem(new SideNavItem("Organisation", OrganisationView.class, VaadinIcon.OFFICE.create()));
            navigation.addItem(new SideNavItem("Team", TeamView.class, VaadinIcon.USERS.create()));
            if (principal.hasRole(Role.OWNER) || principal.hasRole(Role.ADMIN)) {
                navigation.addItem(new SideNavItem("API keys", ApiKeysView.class, VaadinIcon.KEY.create()));
            }
        }
        navigation.addItem(new SideNavItem("My account", MyAccountView.class, VaadinIcon.USER.create()));
        addToDrawer(navigation);
    }
}
