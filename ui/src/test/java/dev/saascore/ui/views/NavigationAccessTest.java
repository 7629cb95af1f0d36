package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.testsupport.SignedIn;
import org.springframework.security.core.context.SecurityContextHolder;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** What the frame offers each role, and what Vaadin's access control lets each role open. */
class NavigationAccessTest extends ViewTestSupport {

    @Test
    void platformAdminStartsOnTenantsAndIsOfferedOnlyTenants() {
        openUiAs(platformAdmin());
        UI.getCurrent().navigate("");

        assertThat(currentView()).as("home forwards platform staff to Tenants").isInstanceOf(TenantsView.class);
        assertThat(navigationLabels()).containsExactly("Tenants");
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-as")).getText())
                .isEqualTo("Platform administrator · " + ADMIN_EMAIL);
    }

    @Test
    void ownerStartsOnOrganisationAndIsOfferedOrganisationTeamAndApiKeys() {
        OnboardTenant tenant = onboardTenant("Navigating Owner Ltd", uniqueSlug("nav"));
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate("");

        assertThat(currentView()).as("home forwards tenant staff to Organisation")
                .isInstanceOf(OrganisationView.class);
        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "API keys");
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-as")).getText())
                .isEqualTo("Owner of Navigating Owner Ltd · " + tenant.ownerEmail());
    }

    @Test
    void ownerNavigatingToTenantsIsRefused() {
        OnboardTenant tenant = onboardTenant("Curious Owner Ltd", uniqueSlug("curious"));
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));

        assertNavigationRefused(TenantsView.class);
    }

    @Test
    void platformAdminIsNotOfferedOrganisationAndCannotOpenIt() {
        openUiAs(platformAdmin());

        assertThat(navigationLabels()).doesNotContain("Organisation");
        assertNavigationRefused(OrganisationView.class);
    }

    @Test
    void staffOfATenantSuspendedDuringTheirSessionAreSignedOutAtTheNextNavigation() {
        OnboardTenant tenant = onboardTenant("Suspended Mid-Session Ltd", uniqueSlug("midsession"));
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);
        assertThat(currentView()).isInstanceOf(OrganisationView.class);

        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(
                new SuspendTenant(tenant.tenantId(), "Fraud investigation")));
        UI.getCurrent().navigate("");

        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("signed out").isNull();
        assertThat(_find(OrganisationView.class)).isEmpty();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        openUi();

        UI.getCurrent().navigate(TenantsView.class);

        assertThat(currentView()).isInstanceOf(LoginView.class);
        assertThat(_find(TenantsView.class)).isEmpty();
    }
}
