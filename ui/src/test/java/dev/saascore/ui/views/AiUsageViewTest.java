package dev.saascore.ui.views;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.money.Money;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The AI usage view: a chart per day and a table by model and user, from the recorded usage. */
class AiUsageViewTest extends ViewTestSupport {

    private static final Pattern BAR = Pattern.compile("<rect class=\"bar\" data-day=\"([0-9-]+)\"[^>]*height=\"([0-9.]+)\"");

    @Test
    void aCallAppearsWithItsExactTokensInTheTableAndAsOneBarForTheDay() {
        OnboardTenant tenant = onboardTenant("Usage Shown Ltd", uniqueSlug("usage"));
        AiAnswer first = askAsOwner(tenant, "What is 6 * 7?", 64);
        AiAnswer second = askAsOwner(tenant, "Count the words in \"one two three\"", 64);
        await().atMost(Duration.ofSeconds(20)).until(() -> usageToday(tenant.tenantId()).breakdown().stream()
                .mapToLong(AiUsageReport.Breakdown::calls).sum() == 2);

        showUsage(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));

        Grid<AiUsageReport.Breakdown> grid = grid();
        long prompt = first.promptTokens() + second.promptTokens();
        long completion = first.completionTokens() + second.completionTokens();
        String dinars = Money.roundedFrom(first.costKwd().add(second.costKwd())).amount().toPlainString();
        String cost = dinars + " KWD";
        assertThat(GridKt._getFormattedRow(grid, 0)).containsExactly(tenant.ownerName(), "offline-mini", "2",
                number(prompt), number(completion), number(prompt + completion), dinars);
        assertThat(grid.getColumns()).extracting(Grid.Column::getHeaderText).containsExactly("User or API key",
                "Model", "Calls", "Prompt tokens", "Completion tokens", "Total tokens", "Cost (KWD)");
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(grid.getColumns()).extracting(Grid.Column::getFooterText).containsExactly("Total", "", "2",
                number(prompt), number(completion), number(prompt + completion), dinars);
        assertThat(_get(Paragraph.class, spec -> spec.withId("usage-summary")).getText()).isEqualTo(
                number(prompt + completion) + " tokens in 2 calls, costing " + cost + ". Refused calls: 0.");
        assertThat(isShown("usage-empty")).isFalse();

        String svg = chartSvg();
        Matcher bars = BAR.matcher(svg);
        assertThat(bars.find()).as("a bar for today").isTrue();
        assertThat(bars.group(1)).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(Double.parseDouble(bars.group(2))).isPositive();
        assertThat(bars.find()).as("only one day had calls").isFalse();
        assertThat(svg).contains(number(prompt + completion) + " tokens (" + number(prompt) + " prompt, "
                + number(completion) + " completion), 2 calls, " + cost);
    }

    @Test
    void withoutCallsTheViewSaysSoAndCountsRefusedCalls() {
        OnboardTenant tenant = onboardTenant("Refused Only Ltd", uniqueSlug("refused"));
        setAiLimits(tenant.tenantId(), 3, 60, 2);
        assertThatThrownBy(() -> askAsOwner(tenant, "Hello", 64)).isInstanceOf(AiGatewayRefusal.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> usageToday(tenant.tenantId()).rejections() == 1);

        showUsage(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));

        assertThat(isShown("usage-empty")).isTrue();
        assertThat(isShown("usage-breakdown")).isFalse();
        assertThat(isShown("usage-chart")).isFalse();
        assertThat(_get(Paragraph.class, spec -> spec.withId("usage-summary")).getText())
                .isEqualTo("0 tokens in 0 calls, costing 0.000 KWD. Refused calls: 1.");
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefusedOnTheField() {
        OnboardTenant tenant = onboardTenant("Backwards Ltd", uniqueSlug("backwards"));
        showUsage(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        DatePicker from = _get(DatePicker.class, spec -> spec.withId("usage-from"));
        DatePicker to = _get(DatePicker.class, spec -> spec.withId("usage-to"));
        assertThat(from.getValue()).isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
        assertThat(to.getValue()).isEqualTo(LocalDate.now(ZoneOffset.UTC));

        to.setValue(from.getValue().minusDays(1));

        assertThat(to.isInvalid()).isTrue();
        assertThat(to.getErrorMessage()).isEqualTo("Choose a day on or after the first day.");
    }

    @Test
    void financeStaffMayReadUsage() {
        OnboardTenant tenant = onboardTenant("Finance Reads Ltd", uniqueSlug("financereads"));
        String finance = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), Role.FINANCE, OWNER_PASSWORD);

        showUsage(signedIn(finance, OWNER_PASSWORD));

        assertThat(isShown("usage-empty")).isTrue();
    }

    private void showUsage(StaffPrincipal principal) {
        openUiAs(principal);
        UI.getCurrent().navigate(AiUsageView.class);
        assertThat(currentView()).isInstanceOf(AiUsageView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<AiUsageReport.Breakdown> grid() {
        return _get(Grid.class, spec -> spec.withId("usage-breakdown"));
    }

    private static String chartSvg() {
        return _get(Div.class, spec -> spec.withId("usage-chart")).getElement().getProperty("innerHTML");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
