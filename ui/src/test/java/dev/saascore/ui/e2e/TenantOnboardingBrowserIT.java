package dev.saascore.ui.e2e;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.ui.testsupport.SignedIn;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant onboarding end to end in headless Chromium: the platform administrator signs in and onboards two
 * tenants through the dialog, signs out, and one new owner signs in and sees their own organisation and
 * nothing of the other tenant.
 */
class TenantOnboardingBrowserIT extends BrowserTestSupport {

    private static final String ADMIN_EMAIL = "admin@saas.local";
    private static final String ADMIN_PASSWORD = "admin-change-me";
    private static final String DEMO_TENANT_NAME = "Demo Trading Co.";

    @Test
    void adminOnboardsATenantAndItsOwnerSeesOnlyTheirOwnOrganisation() {
        String otherSlug = uniqueSlug("other");
        String otherName = "Other Tenant " + otherSlug;
        String slug = uniqueSlug("browser");
        String name = "Browser Tenant " + slug;
        String ownerEmail = slug + "@owner.test";
        String password = "browser-owner-pass-1";

        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/tenants"));
        waitFor(By.id("tenants"));

        onboardThroughDialog(otherName, otherSlug, "Olga Other", otherSlug + "@owner.test", "other-owner-pass-1");
        onboardThroughDialog(name, slug, "Bea Browser", ownerEmail, password);
        assertThat(gridCellTexts()).contains(name, slug, ownerEmail, otherName, otherSlug);

        signOut();

        signIn(ownerEmail, password);
        wait.until(ExpectedConditions.urlContains("/organisation"));
        waitFor(By.id("organisation-profile"));
        wait.until(driver -> profileFields().contains("Name=" + name));
        assertThat(profileFields()).contains("Name=" + name, "Slug=" + slug, "Status=Active",
                "Owner=Bea Browser", "Owner e-mail=" + ownerEmail);
        assertThat(visibleText()).contains("Organisation");
        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "API keys", "AI playground", "AI usage",
                "My account");

        String everything = visibleText() + "\n" + String.join("\n", profileFields()) + "\n" + browser.getPageSource();
        assertThat(everything).doesNotContain(otherName).doesNotContain(otherSlug)
                .doesNotContain(otherSlug + "@owner.test").doesNotContain(DEMO_TENANT_NAME);

        // the owner cannot open the platform's tenant list by typing its address either: Vaadin's access
        // control answers as if the route did not exist
        browser.get(baseUrl() + "/tenants");
        wait.until(driver -> visibleText().contains("Could not navigate to 'tenants'"));
        assertThat(browser.findElements(By.id("tenants"))).isEmpty();
        assertThat(visibleText()).doesNotContain(otherName).doesNotContain(otherSlug);
    }

    @Test
    void aSuspendedTenantsOwnerIsToldTheOrganisationIsSuspended() {
        String slug = uniqueSlug("paused");
        String ownerEmail = slug + "@owner.test";
        String password = "paused-owner-pass-1";
        OnboardTenant tenant = new OnboardTenant(TenantId.random(), "Paused Tenant " + slug, slug, UserId.random(),
                "Paula Paused", ownerEmail, passwords.encode(password));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(tenant));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(
                new SuspendTenant(tenant.tenantId(), "Unpaid invoices")));
        await().atMost(Duration.ofSeconds(10)).until(() -> SignedIn.as(SignedIn.owner(tenant.tenantId()),
                () -> queries.query(new FindTenantProfile(tenant.tenantId()),
                        ResponseTypes.optionalInstanceOf(TenantProfile.class)).join()
                        .map(profile -> profile.status() == TenantStatus.SUSPENDED).orElse(false)));

        signIn(ownerEmail, password);
        wait.until(ExpectedConditions.urlContains("/login?error"));
        wait.until(driver -> visibleText().contains("Organisation suspended"));
        assertThat(visibleText()).contains(
                "Your organisation's access is suspended. Contact the platform administrator.");

        // without the right password nobody learns that the organisation is suspended
        browser.manage().deleteAllCookies();
        signIn(ownerEmail, "not-the-password-1");
        wait.until(ExpectedConditions.urlContains("/login?error"));
        wait.until(driver -> visibleText().contains("Sign-in failed"));
        assertThat(visibleText()).doesNotContain("Organisation suspended");
    }

    private void onboardThroughDialog(String name, String slug, String ownerName, String ownerEmail,
                                      String password) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("onboard-tenant"))).click();
        type("onboard-name", name);
        type("onboard-slug", slug);
        type("onboard-ownerName", ownerName);
        type("onboard-ownerEmail", ownerEmail);
        type("onboard-ownerPassword", password);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("onboard-submit"))).click();
        // the dialog closes and the new tenant is in the grid
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("onboard-name")));
        wait.until(driver -> gridCellTexts().contains(slug));
    }

    @SuppressWarnings("unchecked")
    private List<String> gridCellTexts() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('#tenants vaadin-grid-cell-content'))
                    .map(cell => cell.textContent.trim()).filter(text => text.length > 0);""");
    }

    /** "Label=value" for every field of the organisation profile. */
    @SuppressWarnings("unchecked")
    private List<String> profileFields() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('#organisation-profile vaadin-text-field'))
                    .map(field => field.label + '=' + field.value);""");
    }
}
