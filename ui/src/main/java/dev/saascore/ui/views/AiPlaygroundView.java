package dev.saascore.ui.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiCaller;
import dev.saascore.command.ai.gateway.AiGateway;
import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.command.ai.gateway.AiPrompt;
import dev.saascore.command.ai.gateway.AiQuota;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tenant staff try the AI gateway: the answer streams into the page piece by piece, then its tokens and cost
 * are shown, and the period's quota below moves. Calls go through the same gateway (quotas, metering) as the
 * API's; a refusal is explained on the page.
 */
@Route(value = "ai/playground", layout = MainLayout.class)
@PageTitle("AI playground · SaaS core")
@RolesAllowed({"OWNER", "ADMIN", "MEMBER"})
public class AiPlaygroundView extends VerticalLayout {

    private static final Logger log = LoggerFactory.getLogger(AiPlaygroundView.class);
    /** How often the browser asks for the next pieces of a streaming answer (server push is not enabled). */
    static final int POLL_MILLIS = 250;

    private final AiGateway gateway;
    private final AiPlaygroundWorkers workers;
    private final TenantId tenantId;
    private final AiCaller caller;

    private final ProgressBar quotaBar = new ProgressBar();
    private final Span quotaText = new Span();
    private final Select<String> model = new Select<>();
    private final TextArea systemPrompt = new TextArea("System prompt (optional)");
    private final TextArea prompt = new TextArea("Prompt");
    private final IntegerField maxTokens = new IntegerField("Max tokens (optional)");
    private final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    private final Div answer = new Div();
    private final Div error = new Div();
    private final Span promptTokens = new Span();
    private final Span completionTokens = new Span();
    private final Span cost = new Span();
    private final Span requestId = new Span();
    private final HorizontalLayout answerDetails = new HorizontalLayout(promptTokens, completionTokens, cost, requestId);
    private final Map<String, HasValidation> fields = Map.of("model", model, "messages", prompt, "max_tokens", maxTokens);

    public AiPlaygroundView(AiGateway gateway, AiPlaygroundWorkers workers, AuthenticationContext authentication) {
        this.gateway = gateway;
        this.workers = workers;
        StaffPrincipal principal = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow();
        this.tenantId = principal.account().tenantId();
        this.caller = new AiCaller(tenantId, principal.caller().actorId(), null);

        quotaBar.setId("ai-quota-bar");
        quotaText.setId("ai-quota-text");
        VerticalLayout quota = new VerticalLayout(quotaText, quotaBar);
        quota.setPadding(false);
        quota.setSpacing(false);

        model.setId("ai-model");
        model.setLabel("Model");
        model.setItems(gateway.models());
        model.setValue(gateway.models().isEmpty() ? null : gateway.models().get(0));
        systemPrompt.setId("ai-system-prompt");
        systemPrompt.setHelperText("Tells the model how to answer, e.g. “Answer in one sentence.”");
        prompt.setId("ai-prompt");
        prompt.setMinHeight("8em");
        maxTokens.setId("ai-max-tokens");
        maxTokens.setMin(1);
        maxTokens.setHelperText("The most tokens the answer may use. Empty: the platform's maximum.");
        FormLayout form = new FormLayout(model, maxTokens, systemPrompt, prompt);
        form.setColspan(systemPrompt, 2);
        form.setColspan(prompt, 2);

        send.setId("ai-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(click -> ask());

        answer.setId("ai-answer");
        answer.setWidthFull();
        answer.getStyle().set("white-space", "pre-wrap").set("box-sizing", "border-box").set("padding", "var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("background", "var(--lumo-contrast-5pct)");
        answer.setVisible(false);
        error.setId("ai-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        promptTokens.setId("ai-prompt-tokens");
        completionTokens.setId("ai-completion-tokens");
        cost.setId("ai-cost");
        requestId.setId("ai-request-id");
        requestId.getStyle().set("color", "var(--lumo-secondary-text-color)");
        answerDetails.setId("ai-answer-details");
        answerDetails.setAlignItems(FlexComponent.Alignment.BASELINE);
        answerDetails.getStyle().set("flex-wrap", "wrap");
        answerDetails.setVisible(false);

        add(ViewHeader.of("AI playground"),
                new Paragraph("Try the AI models your organisation can use. Each answer counts towards the "
                        + "organisation's token budget, like calls through the API."),
                quota, form, send, error, answer, answerDetails);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        showQuota(currentQuota());
    }

    private void ask() {
        FieldErrors.clear(fields);
        error.setVisible(false);
        if (prompt.getValue().isBlank()) {
            FieldErrors.show(fields, List.of(new FieldViolation("messages", "Write a prompt first.")));
            return;
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (!systemPrompt.getValue().isBlank()) {
            messages.add(new ChatMessage("system", systemPrompt.getValue()));
        }
        messages.add(new ChatMessage("user", prompt.getValue()));
        AiPrompt call = new AiPrompt(model.getValue(), messages, maxTokens.getValue(), null);
        UUID id = UUID.randomUUID();
        UI ui = UI.getCurrent();

        answer.setText("");
        answer.setVisible(true);
        answerDetails.setVisible(false);
        send.setEnabled(false);
        ui.setPollInterval(POLL_MILLIS);
        try {
            workers.runAsCaller(() -> stream(ui, call, id));
        } catch (RejectedExecutionException busy) {
            answer.setVisible(false);
            finished(ui, "Too many answers are being written right now. Try again in a moment.");
        }
    }

    /** Runs on a worker thread: every change to the page goes through {@link #update}. */
    private void stream(UI ui, AiPrompt call, UUID id) {
        StringBuilder streamed = new StringBuilder();
        try {
            AiAnswer settled = gateway.stream(caller, call, id, delta -> {
                streamed.append(delta);
                String soFar = streamed.toString();
                if (!update(ui, () -> answer.setText(soFar))) {
                    // the gateway then charges what was produced so far and releases the rest of the hold
                    throw new IOException("The playground page was closed");
                }
            });
            AiQuota quota = currentQuota();
            update(ui, () -> {
                answer.setText(settled.content());
                showDetails(settled);
                showQuota(quota);
                finished(ui, null);
            });
        } catch (AiGatewayRefusal refusal) {
            AiQuota quota = currentQuota();
            update(ui, () -> {
                answer.setVisible(streamed.length() > 0);
                FieldErrors.show(fields, fieldViolations(refusal));
                showQuota(quota);
                finished(ui, explain(refusal));
            });
        } catch (IOException pageClosed) {
            log.debug("Playground answer {} stopped: the page went away", id);
        } catch (RuntimeException failure) {
            log.error("Playground answer {} failed", id, failure);
            update(ui, () -> finished(ui, "The answer could not be completed. Try again."));
        }
    }

    /** Changes the page from a worker thread; false when the page has gone away meanwhile. */
    private static boolean update(UI ui, Command change) {
        try {
            ui.access(change);
            return true;
        } catch (UIDetachedException pageClosed) {
            return false;
        }
    }

    private void finished(UI ui, String problem) {
        ui.setPollInterval(-1);
        send.setEnabled(true);
        error.setText(problem == null ? "" : problem);
        error.setVisible(problem != null);
    }

    private void showDetails(AiAnswer settled) {
        promptTokens.setText("Prompt tokens: " + Labels.count(settled.promptTokens()));
        completionTokens.setText("Completion tokens: " + Labels.count(settled.completionTokens()));
        cost.setText("Cost: " + Labels.kwd(settled.costKwd()));
        cost.getElement().setAttribute("title", "Exactly " + Labels.exactKwd(settled.costKwd()));
        requestId.setText("Request id: " + settled.requestId());
        answerDetails.setVisible(true);
    }

    /** Null when the quota cannot be read right now; the bar then says so instead of failing the page. */
    private AiQuota currentQuota() {
        try {
            return gateway.quota(tenantId);
        } catch (RuntimeException unavailable) {
            log.warn("Could not read the AI quota of tenant {}: {}", tenantId, unavailable.toString());
            return null;
        }
    }

    private void showQuota(AiQuota quota) {
        if (quota == null) {
            quotaText.setText("This period's AI token budget cannot be shown right now.");
            quotaBar.setVisible(false);
            return;
        }
        quotaBar.setVisible(true);
        quotaBar.setValue(Math.min(1.0, quota.tokenBudget() == 0 ? 1.0 : (double) quota.tokensUsed() / quota.tokenBudget()));
        quotaText.setText(Labels.count(quota.tokensUsed()) + " of " + Labels.count(quota.tokenBudget())
                + " tokens this period (" + Labels.period(quota.period()) + ")");
    }

    /** The gateway's violations, named as the form's fields ({@code messages[0].content} is the prompt). */
    private static List<FieldViolation> fieldViolations(AiGatewayRefusal refusal) {
        return refusal.violations().stream()
                .map(v -> v.field().startsWith("messages") ? new FieldViolation("messages", v.message()) : v)
                .map(FieldErrors::asSentence).toList();
    }

    /** What went wrong, for the line above the answer; null when the form's fields show it. */
    private static String explain(AiGatewayRefusal refusal) {
        if (!refusal.violations().isEmpty()) {
            return null;
        }
        Duration retryAfter = refusal.retryAfter();
        return retryAfter == null ? refusal.getMessage() : refusal.getMessage() + " Try again in " + wait(retryAfter) + ".";
    }

    private static String wait(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds() + (duration.toMillisPart() > 0 ? 1 : 0));
        if (seconds < 120) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return minutes + " minutes";
        }
        long hours = (minutes + 59) / 60;
        return hours < 48 ? hours + " hours" : (hours + 23) / 24 + " days";
    }
}
