package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.FutureAccess;
import com.vaadin.flow.server.VaadinSession;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.money.Money;
import dev.saascore.kernel.tenant.OnboardTenant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The AI playground: answers stream into the page through the gateway, with their tokens, cost and the quota. */
class AiPlaygroundViewTest extends ViewTestSupport {

    private static final String THIS_PERIOD = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)
            .format(BillingPeriod.of(Instant.now()).month());

    @Test
    void theAnswerStreamsIntoThePageAndThenShowsItsTokensAndCost() {
        OnboardTenant tenant = showPlaygroundAsOwner("Streaming Ltd", "streaming");
        assertThat(text("ai-quota-text")).matches("0 of [\\d,]+ tokens this period \\(" + THIS_PERIOD + "\\)");

        _get(Select.class, spec -> spec.withId("ai-model")).setValue("offline-mini");
        _setValue(_get(TextArea.class, spec -> spec.withId("ai-prompt")), "What is 6 * 7?");
        // a plain click: Karibu's _click would also apply every change queued so far, as one round trip
        send().click();
        assertThat(UI.getCurrent().getPollInterval()).as("the browser polls for the pieces while the answer streams")
                .isEqualTo(AiPlaygroundView.POLL_MILLIS);
        List<String> shown = answerAsItGrows();

        String answer = answer().getText();
        assertThat(answer).contains("42");
        assertThat(shown).as("the answer appeared piece by piece").hasSizeGreaterThan(2)
                .allSatisfy(soFar -> assertThat(answer).startsWith(soFar));
        assertThat(UI.getCurrent().getPollInterval()).as("polling stops with the answer").isEqualTo(-1);
        assertThat(isShown("ai-error")).isFalse();

        AiUsageReport.Breakdown recorded = await().atMost(Duration.ofSeconds(20))
                .until(() -> usageToday(tenant.tenantId()).breakdown(), rows -> rows.size() == 1).get(0);
        assertThat(recorded.model()).isEqualTo("offline-mini");
        assertThat(recorded.actorName()).isEqualTo(tenant.ownerName());
        assertThat(text("ai-prompt-tokens")).isEqualTo("Prompt tokens: " + recorded.promptTokens());
        assertThat(text("ai-completion-tokens")).isEqualTo("Completion tokens: " + recorded.completionTokens());
        Span cost = _get(Span.class, spec -> spec.withId("ai-cost"));
        assertThat(cost.getText()).isEqualTo("Cost: " + Money.roundedFrom(recorded.costKwd()));
        assertThat(cost.getElement().getAttribute("title"))
                .isEqualTo("Exactly " + recorded.costKwd().setScale(6).toPlainString() + " KWD");
        assertThat(text("ai-request-id")).matches("Request id: [0-9a-f-]{36}");
        assertThat(text("ai-quota-text")).startsWith(String.format(Locale.ROOT, "%,d of ",
                recorded.totalTokens()));
    }

    @Test
    void aCallBeyondTheBudgetIsRefusedWithAClearMessageAndChargesNothing() {
        OnboardTenant tenant = onboardTenant("Tiny Budget Ltd", uniqueSlug("tiny"));
        setAiLimits(tenant.tenantId(), 5, 60, 2);
        showPlayground(tenant);
        assertThat(text("ai-quota-text")).isEqualTo("0 of 5 tokens this period (" + THIS_PERIOD + ")");

        _setValue(_get(TextArea.class, spec -> spec.withId("ai-prompt")), "Summarise the history of Kuwait.");
        _click(send());
        answerAsItGrows();

        assertThat(_get(Div.class, spec -> spec.withId("ai-error")).getText()).startsWith(
                "Your organisation's AI token budget for this billing period does not cover this call.");
        assertThat(isShown("ai-answer")).as("no answer to show").isFalse();
        assertThat(isShown("ai-answer-details")).isFalse();
        assertThat(send().isEnabled()).as("the person may try again").isTrue();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
        assertThat(text("ai-quota-text")).isEqualTo("0 of 5 tokens this period (" + THIS_PERIOD + ")");
        await().atMost(Duration.ofSeconds(20)).until(() -> usageToday(tenant.tenantId()).rejections() == 1);
        assertThat(usageToday(tenant.tenantId()).breakdown()).as("nothing was charged").isEmpty();
    }

    @Test
    void aCallOverTheRateLimitSaysWhenToTryAgain() {
        OnboardTenant tenant = onboardTenant("One Per Minute Ltd", uniqueSlug("oneperminute"));
        setAiLimits(tenant.tenantId(), 1_000_000, 1, 2);
        showPlayground(tenant);
        _setValue(_get(TextArea.class, spec -> spec.withId("ai-prompt")), "Hello");
        _click(send());
        answerAsItGrows();
        assertThat(isShown("ai-error")).isFalse();

        _click(send());
        answerAsItGrows();

        assertThat(_get(Div.class, spec -> spec.withId("ai-error")).getText()).matches(
                "Too many AI calls per minute for your organisation\\. Try again in \\d+ (second|seconds|minutes)\\.");
    }

    @Test
    void anEmptyPromptOrAZeroTokenLimitIsRefusedOnItsField() {
        showPlaygroundAsOwner("Careless Prompts Ltd", "careless-prompts");

        _click(send());
        TextArea prompt = _get(TextArea.class, spec -> spec.withId("ai-prompt"));
        assertThat(prompt.isInvalid()).isTrue();
        assertThat(prompt.getErrorMessage()).isEqualTo("Write a prompt first.");
        assertThat(isShown("ai-answer")).isFalse();

        _setValue(prompt, "Hello");
        _setValue(_get(IntegerField.class, spec -> spec.withId("ai-max-tokens")), 0);
        _click(send());
        answerAsItGrows();

        assertThat(prompt.isInvalid()).isFalse();
        IntegerField maxTokens = _get(IntegerField.class, spec -> spec.withId("ai-max-tokens"));
        assertThat(maxTokens.isInvalid()).isTrue();
        assertThat(maxTokens.getErrorMessage()).isEqualTo("Must be at least 1.");
        assertThat(isShown("ai-error")).as("the field says it all").isFalse();
    }

    private OnboardTenant showPlaygroundAsOwner(String name, String slugPrefix) {
        OnboardTenant tenant = onboardTenant(name, uniqueSlug(slugPrefix));
        showPlayground(tenant);
        return tenant;
    }

    private void showPlayground(OnboardTenant tenant) {
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(AiPlaygroundView.class);
        assertThat(currentView()).isInstanceOf(AiPlaygroundView.class);
    }

    /**
     * Applies the page changes the worker thread queued, one at a time as the browser's polls would, until the
     * answer is complete (Send works again); returns each different text the answer showed on the way.
     */
    private static List<String> answerAsItGrows() {
        List<String> shown = new ArrayList<>();
        VaadinSession session = VaadinSession.getCurrent();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
            // taken off the queue first: running one change lets Vaadin run the others queued behind it at once
            List<FutureAccess> changes = new ArrayList<>();
            for (FutureAccess change; (change = session.getPendingAccessQueue().poll()) != null; ) {
                changes.add(change);
            }
            for (FutureAccess change : changes) {
                change.run();
                change.get();
                List<Div> answer = _find(Div.class, spec -> spec.withId("ai-answer"));
                String text = answer.isEmpty() ? "" : answer.get(0).getText();
                if (!text.isEmpty() && (shown.isEmpty() || !shown.get(shown.size() - 1).equals(text))) {
                    shown.add(text);
                }
            }
            return send().isEnabled();
        });
        return shown;
    }

    private static Div answer() {
        return _get(Div.class, spec -> spec.withId("ai-answer"));
    }

    private static Button send() {
        return _get(Button.class, spec -> spec.withId("ai-send"));
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }
}
