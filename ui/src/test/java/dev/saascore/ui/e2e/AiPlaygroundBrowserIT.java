package dev.saascore.ui.e2e;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI pages end to end in headless Chromium: an owner asks the offline model in the playground and watches the
 * answer arrive with its cost, then finds the call in the usage table and the server-drawn SVG chart really drawn.
 */
class AiPlaygroundBrowserIT extends BrowserTestSupport {

    @Test
    void anOwnerGetsAStreamedAnswerAndFindsItInTheUsageChartAndTable() {
        String slug = uniqueSlug("ai-browser");
        String ownerEmail = slug + "@owner.test";
        String password = "ai-browser-pass-1";
        TenantFixtures.onboard(commands, queries, new OnboardTenant(TenantId.random(), "AI Browser " + slug, slug,
                UserId.random(), "Ada Browser", ownerEmail, passwords.encode(password)));

        signIn(ownerEmail, password);
        wait.until(ExpectedConditions.urlContains("/organisation"));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-side-nav-item[normalize-space()='AI playground']"))).click();
        wait.until(ExpectedConditions.urlContains("/ai/playground"));
        waitFor(By.cssSelector("#ai-prompt textarea")).sendKeys("What is 6 * 7?", Keys.TAB);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("ai-send"))).click();

        wait.until(driver -> text("ai-cost").startsWith("Cost: "));
        assertThat(text("ai-answer")).contains("42");
        assertThat(text("ai-cost")).matches("Cost: \\d+\\.\\d{3} KWD");
        assertThat(browser.findElement(By.id("ai-cost")).getDomAttribute("title")).matches("Exactly \\d+\\.\\d{6} KWD");
        assertThat(text("ai-prompt-tokens")).matches("Prompt tokens: \\d+");
        assertThat(text("ai-completion-tokens")).matches("Completion tokens: \\d+");
        assertThat(text("ai-quota-text")).doesNotStartWith("0 of").contains(" tokens this period (");

        browser.get(baseUrl() + "/ai/usage");
        // recording is asynchronous: reload until the call is in the table
        wait.until(driver -> {
            if (usageCells().contains("offline-mini")) {
                return true;
            }
            browser.navigate().refresh();
            return false;
        });
        assertThat(usageCells()).contains("Ada Browser", "offline-mini", "1");
        Object bar = js().executeScript("""
                const bar = document.querySelector('#usage-chart svg rect.bar');
                return bar instanceof SVGRectElement ? bar.getBBox().height : -1;""");
        assertThat(((Number) bar).doubleValue()).as("the bar is drawn as SVG with a height").isPositive();
        assertThat(js().executeScript("return document.querySelectorAll('#usage-chart svg rect.bar').length"))
                .isEqualTo(1L);
    }

    /** The element's visible text; empty while it is hidden (Vaadin sends hidden parts only once shown). */
    private String text(String id) {
        return browser.findElements(By.id(id)).stream().findFirst().map(element -> element.getText()).orElse("");
    }

    @SuppressWarnings("unchecked")
    private List<String> usageCells() {
        return (List<String>) js().executeScript("""
                return Array.from(document.querySelectorAll('#usage-breakdown vaadin-grid-cell-content'))
                    .map(cell => cell.textContent.trim()).filter(text => text.length > 0);""");
    }
}
