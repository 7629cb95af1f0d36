package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.kernel.ai.AiUsageStatus;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiUsageStatus;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.SignedIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The banner above a tenant's views once its organisation has used 80 % or all of the period's AI tokens. */
class AiBudgetBannerTest extends ViewTestSupport {

    private static final YearMonth THIS_MONTH = BillingPeriod.of(Instant.now()).month();

    @Test
    void staffAreWarnedAt80PercentAndToldWhenTheWholeBudgetIsUsed() {
        long callTokens = tokensOfOneCall();
        OnboardTenant warned = onboardTenant("Nearly Out Ltd", uniqueSlug("nearlyout"));
        setAiLimits(warned.tenantId(), callTokens * 10 / 9 + 1, 60, 2);
        OnboardTenant exhausted = onboardTenant("All Used Ltd", uniqueSlug("allused"));
        setAiLimits(exhausted.tenantId(), callTokens, 60, 2);
        call(warned);
        call(exhausted);
        awaitThreshold(warned, 80);
        awaitThreshold(exhausted, 100);

        showOrganisationAs(warned);
        assertThat(banner().getText()).isEqualTo("Your organisation has used 80 % of its AI token budget for "
                + month(THIS_MONTH) + ".");

        showOrganisationAs(exhausted);
        assertThat(banner().getText()).isEqualTo("Your organisation has used its whole AI token budget for "
                + month(THIS_MONTH) + ". AI calls are refused until 1 " + month(THIS_MONTH.plusMonths(1))
                + " (UTC), unless the budget is raised.");

        setAiLimits(exhausted.tenantId(), callTokens * 10, 60, 2);
        UI.getCurrent().navigate(TeamView.class);
        assertThat(isShown("ai-budget-banner")).as("a raised budget ends the warning at the next navigation").isFalse();
    }

    @Test
    void noBannerBeforeTheThresholdOrForPlatformStaff() {
        OnboardTenant tenant = onboardTenant("Plenty Left Ltd", uniqueSlug("plenty"));
        call(tenant);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(tenant).tokensUsed() > 0);

        showOrganisationAs(tenant);
        assertThat(isShown("ai-budget-banner")).isFalse();

        tearDownVaadin();
        openUiAs(platformAdmin());
        UI.getCurrent().navigate(TenantsView.class);
        assertThat(isShown("ai-budget-banner")).isFalse();
    }

    /** What the prompt costs in tokens (prompt + the 5 completion tokens it is cut to), measured on a spare tenant. */
    private long tokensOfOneCall() {
        return call(onboardTenant("Token Probe Ltd", uniqueSlug("probe"))).totalTokens();
    }

    /** A prompt whose answer is cut to 5 tokens: the same number of tokens for every tenant. */
    private AiAnswer call(OnboardTenant tenant) {
        return askAsOwner(tenant, "Hello", 5);
    }

    private void awaitThreshold(OnboardTenant tenant, int percent) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(tenant).highestThreshold() == percent);
    }

    private AiUsageStatus status(OnboardTenant tenant) {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(new FindAiUsageStatus(
                tenant.tenantId(), BillingPeriod.of(Instant.now())), AiUsageStatus.class).join());
    }

    private void showOrganisationAs(OnboardTenant tenant) {
        if (UI.getCurrent() != null) {
            tearDownVaadin();
        }
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);
        assertThat(currentView()).isInstanceOf(OrganisationView.class);
    }

    private static Div banner() {
        return _get(Div.class, spec -> spec.withId("ai-budget-banner"));
    }

    private static String month(YearMonth month) {
        return DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH).format(month);
    }
}
