package dev.saascore.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.identity.Role;
import dev.saascore.ui.security.StaffPrincipal;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;

/**
 * The frame around every signed-in view; navigation shows only what the person's roles allow. Above a tenant's
 * views it shows the AI budget banner when the organisation is running out of AI tokens.
 */
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** The banner (if any) above the current view, which fills the rest of the height. */
    private final Div frame = new Div();
    private final AiBudgetBanner budgetBanner;

    public MainLayout(AuthenticationContext authentication, QueryGateway queries, Clock clock) {
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
            if (principal.hasRole(Role.OWNER) || principal.hasRole(Role.ADMIN) || principal.hasRole(Role.MEMBER)) {
                navigation.addItem(new SideNavItem("AI playground", AiPlaygroundView.class, VaadinIcon.CHAT.create()));
            }
            if (principal.hasRole(Role.OWNER) || principal.hasRole(Role.ADMIN) || principal.hasRole(Role.FINANCE)
                    || principal.hasRole(Role.AUDITOR)) {
                navigation.addItem(new SideNavItem("AI usage", AiUsageView.class, VaadinIcon.CHART.create()));
            }
        }
        navigation.addItem(new SideNavItem("My account", MyAccountView.class, VaadinIcon.USER.create()));
        addToDrawer(navigation);

        budgetBanner = principal.account().tenantId() == null ? null
                : new AiBudgetBanner(queries, clock, principal.account().tenantId());
        frame.setSizeFull();
        frame.getStyle().set("display", "flex").set("flex-direction", "column");
        if (budgetBanner != null) {
            frame.add(budgetBanner);
        }
        setContent(frame);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        if (content == null) {
            return;
        }
        Component view = content.getElement().getComponent().orElseThrow(() -> new IllegalArgumentException(
                "MainLayout shows only components, not " + content));
        // the view takes the height the banner leaves, so views that fill the page still do
        view.getElement().getStyle().set("flex", "1 1 0").set("min-height", "0");
        frame.add(view);
        afterNavigation();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (budgetBanner != null) {
            budgetBanner.refresh();
        }
    }
}
