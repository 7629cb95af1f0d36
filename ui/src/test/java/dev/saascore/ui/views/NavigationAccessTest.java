package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.ChangeStaffRole;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.testsupport.TenantFixtures;
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
    void platformAdminStartsOnTenantsAndIsOfferedTenantsAndAccount() {
        openUiAs(platformAdmin());
        UI.getCurrent().navigate("");

        assertThat(currentView()).as("home forwards platform staff to Tenants").isInstanceOf(TenantsView.class);
        assertThat(navigationLabels()).containsExactly("Tenants", "My account");
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-as")).getText())
                .isEqualTo("Platform administrator · " + ADMIN_EMAIL);
    }

    @Test
    void ownerStartsOnOrganisationAndIsOfferedOrganisationTeamApiKeysAiAndAccount() {
        OnboardTenant tenant = onboardTenant("Navigating Owner Ltd", uniqueSlug("nav"));
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate("");

        assertThat(currentView()).as("home forwards tenant staff to Organisation")
                .isInstanceOf(OrganisationView.class);
        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "API keys", "AI playground", "AI usage",
                "My account");
        assertThat(_get(Span.class, spec -> spec.withId("signed-in-as")).getText())
                .isEqualTo("Owner of Navigating Owner Ltd · " + tenant.ownerEmail());
    }

    @Test
    void membersMayUseTheAiPlaygroundButNotReadUsage() {
        OnboardTenant tenant = onboardTenant("Member AI Ltd", uniqueSlug("memberai"));
        String member = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), Role.MEMBER, OWNER_PASSWORD);
        openUiAs(signedIn(member, OWNER_PASSWORD));
        UI.getCurrent().navigate(AiPlaygroundView.class);

        assertThat(currentView()).isInstanceOf(AiPlaygroundView.class);
        assertThat(navigationLabels()).contains("AI playground").doesNotContain("AI usage");
        assertNavigationRefused(AiUsageView.class);
    }

    @Test
    void financeAndAuditorsMayReadAiUsageButNotUseThePlayground() {
        OnboardTenant tenant = onboardTenant("Finance AI Ltd", uniqueSlug("financeai"));
        for (Role role : new Role[] {Role.FINANCE, Role.AUDITOR}) {
            String staff = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), role, OWNER_PASSWORD);
            openUiAs(signedIn(staff, OWNER_PASSWORD));
            UI.getCurrent().navigate(AiUsageView.class);

            assertThat(currentView()).as(role + " opens AI usage").isInstanceOf(AiUsageView.class);
            assertThat(navigationLabels()).as(role + "'s navigation").contains("AI usage").doesNotContain("AI playground");
            assertNavigationRefused(AiPlaygroundView.class);
            tearDownVaadin();
        }
    }

    @Test
    void platformAdminIsOfferedNoAiViewsAndCannotOpenThem() {
        openUiAs(platformAdmin());

        assertNavigationRefused(AiPlaygroundView.class);
        assertNavigationRefused(AiUsageView.class);
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
    void aDemotedAdminIsSignedOutAtTheNextNavigationAndKeepsNoAdminRights() {
        OnboardTenant tenant = onboardTenant("Demoting Ltd", uniqueSlug("demote"));
        String adminEmail = "admin-" + tenant.slug() + "@staff.test";
        String token = TenantFixtures.invite(commands, queries, tenant.tenantId(), adminEmail, Role.ADMIN);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Soon Member", passwords.encode(OWNER_PASSWORD)));
        StaffPrincipal admin = signedIn(adminEmail, OWNER_PASSWORD);
        openUiAs(admin);
        UI.getCurrent().navigate(TeamView.class);
        assertThat(currentView()).isInstanceOf(TeamView.class);

        SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> commands.sendAndWait(
                new ChangeStaffRole(tenant.tenantId(), admin.account().userId(), Role.MEMBER, "Reorganisation")));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("signed out").isNull();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        openUi();

        UI.getCurrent().navigate(TenantsView.class);

        assertThat(currentView()).isInstanceOf(LoginView.class);
        assertThat(_find(TenantsView.class)).isEmpty();
    }
}
