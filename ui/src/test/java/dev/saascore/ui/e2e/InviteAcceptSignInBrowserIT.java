package dev.saascore.ui.e2e;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining a team end to end in headless Chromium: an owner invites a new person as Admin through the Team
 * view's dialog, the invitation link is read from the Outbox page, the owner signs out, the invitee follows
 * the link, picks a name and password, signs in and finds themselves on the team as an active Admin.
 */
class InviteAcceptSignInBrowserIT extends BrowserTestSupport {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/invitation/[A-Za-z0-9_-]+");

    @Test
    void anOwnerInvitesAnAdminWhoAcceptsTheLinkAndSignsIn() {
        String slug = uniqueSlug("inviting");
        String ownerPassword = "inviting-owner-pass-1";
        OnboardTenant tenant = TenantFixtures.onboard(commands, queries, new OnboardTenant(TenantId.random(),
                "Inviting Tenant " + slug, slug, UserId.random(), "Owen Owner", slug + "@owner.test",
                passwords.encode(ownerPassword)));
        String invitee = "ada-" + slug + "@staff.test";
        String inviteePassword = "ada-admin-pass-12";

        // the owner invites through the Team view
        signIn(tenant.ownerEmail(), ownerPassword);
        wait.until(ExpectedConditions.urlContains("/organisation"));
        openTeam();
        wait.until(driver -> row(tenant.ownerEmail()).isPresent());

        click(By.id("invite-staff"));
        type("invite-email", invitee);
        choose("invite-role", "Admin");
        click(By.id("invite-submit"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("invite-email")));
        wait.until(driver -> row(invitee).filter(cells -> cells.contains("Admin") && cells.contains("Invited"))
                .isPresent());

        // the mail with the link, as a developer reads it in embedded mode
        browser.get(baseUrl() + "/outbox");
        click(By.xpath("//vaadin-grid[@id='outbox']/vaadin-grid-cell-content[normalize-space()='" + invitee + "']"));
        String body = wait.until(driver -> openedMailBody());
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as("the mail holds the invitation link: " + body).isTrue();
        assertThat(body).contains("as Admin");

        browser.get(baseUrl() + "/team");
        signOut();

        // the invitee follows the link and picks a name and password
        browser.get(link.group());
        type("accept-name", "Ada Admin");
        type("accept-password", inviteePassword);
        type("accept-password-again", inviteePassword);
        click(By.id("accept-submit"));
        waitFor(By.id("accept-done"));
        assertThat(visibleText()).contains("You have joined");
        click(By.xpath("//a[normalize-space()='Sign in']"));
        wait.until(ExpectedConditions.urlContains("/login"));

        signIn(invitee, inviteePassword);
        wait.until(ExpectedConditions.urlContains("/organisation"));
        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "API keys", "AI playground", "AI usage",
                "My account");
        openTeam();
        wait.until(driver -> row(invitee).filter(cells -> cells.contains("Ada Admin") && cells.contains("Admin")
                && cells.contains("Active")).isPresent());
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Ada Admin · " + invitee);
        assertThat(row(tenant.ownerEmail())).get().satisfies(cells -> assertThat(cells).contains("Owner", "Active"));
    }

    private void openTeam() {
        click(By.xpath("//vaadin-side-nav-item[normalize-space()='Team']"));
        wait.until(ExpectedConditions.urlContains("/team"));
        waitFor(By.id("team"));
    }

    private void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    /** Opens the select and clicks the item with the label. */
    private void choose(String selectId, String label) {
        click(By.id(selectId));
        click(By.xpath("//vaadin-select-item[normalize-space()='" + label + "']"));
        wait.until(driver -> label.equals(js().executeScript(
                "return document.getElementById(arguments[0]).querySelector('[slot=value]')?.textContent.trim();",
                selectId)));
    }

    /** The team grid's row for the address: the text of each cell, as shown. */
    private Optional<List<String>> row(String email) {
        return teamRows().stream().filter(cells -> cells.contains(email)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<List<String>> teamRows() {
        return (List<List<String>>) js().executeScript("""
                const grid = document.getElementById('team');
                if (!grid || !grid.shadowRoot) {
                    return [];
                }
                return Array.from(grid.shadowRoot.querySelectorAll('#items tr'))
                    .filter(row => !row.hidden)
                    .map(row => Array.from(row.querySelectorAll('td'))
                        .map(cell => cell.querySelector('slot'))
                        .filter(slot => slot !== null)
                        .map(slot => slot.assignedElements().map(e => e.textContent.trim()).join(' ').trim()));""");
    }

    /** The body of the mail whose details are open in the outbox, or null while none is shown. */
    private String openedMailBody() {
        return (String) js().executeScript("""
                const bodies = Array.from(document.querySelectorAll('#outbox vaadin-grid-cell-content p'))
                    .filter(p => p.checkVisibility() && p.textContent.includes('/invitation/'));
                return bodies.length === 1 ? bodies[0].textContent : null;""");
    }
}
