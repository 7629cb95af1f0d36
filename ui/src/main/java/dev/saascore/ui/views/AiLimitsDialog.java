package dev.saascore.ui.views;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.TenantSummary;
import dev.saascore.ui.messaging.Refusals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A platform administrator sets what a tenant may use of the AI gateway: its monthly token budget, its calls per
 * minute and its calls in flight at once, with a reason. Opens with the limits in force; the gateway applies new
 * ones within a second.
 */
class AiLimitsDialog extends Dialog {

    private final TextField budget = new TextField("Monthly token budget");
    private final IntegerField requestsPerMinute = new IntegerField("Requests per minute");
    private final IntegerField concurrent = new IntegerField("Concurrent requests");
    private final ReasonField reason = new ReasonField("ai-limits-reason", "Kept with the change, e.g. the plan it follows.");
    private final Map<String, HasValidation> fields = Map.of("monthlyTokenBudget", budget,
            "requestsPerMinute", requestsPerMinute, "maxConcurrentRequests", concurrent, "reason", reason);

    private final TenantSummary tenant;
    private final Consumer<SetAiLimits> send;

    /**
     * @param current the tenant's admission as the gateway sees it now
     * @param send    sends the command and waits for it; throws the platform's refusal
     */
    AiLimitsDialog(TenantSummary tenant, AiAdmission current, Consumer<SetAiLimits> send) {
        this.tenant = tenant;
        this.send = send;
        setHeaderTitle("AI limits of " + tenant.name());

        budget.setId("ai-limits-budget");
        budget.setAllowedCharPattern("[0-9]");
        budget.setHelperText("Prompt and completion tokens per calendar month (UTC).");
        budget.setValue(Long.toString(current.limits().monthlyTokenBudget()));
        requestsPerMinute.setId("ai-limits-rpm");
        requestsPerMinute.setMin(1);
        requestsPerMinute.setMax(AiLimits.MAX_REQUESTS_PER_MINUTE);
        requestsPerMinute.setValue(current.limits().requestsPerMinute());
        concurrent.setId("ai-limits-concurrent");
        concurrent.setMin(1);
        concurrent.setMax(AiLimits.MAX_CONCURRENT);
        concurrent.setHelperText("AI calls in flight at the same time.");
        concurrent.setValue(current.limits().maxConcurrentRequests());

        Paragraph source = new Paragraph(current.limitsExplicit()
                ? "These limits were set for this tenant."
                : "The platform's default limits apply to this tenant until you set its own.");
        source.setId("ai-limits-source");
        FormLayout form = new FormLayout(budget, requestsPerMinute, concurrent, reason);
        form.setColspan(reason, 2);
        add(source, form);

        Button save = new Button("Save limits", click -> submit());
        save.setId("ai-limits-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void submit() {
        FieldErrors.clear(fields);
        List<FieldViolation> violations = new ArrayList<>();
        Long tokens = null;
        try {
            tokens = Long.valueOf(budget.getValue().strip());
        } catch (NumberFormatException notANumber) {
            violations.add(new FieldViolation("monthlyTokenBudget", "Enter a whole number of tokens."));
        }
        if (requestsPerMinute.getValue() == null) {
            violations.add(new FieldViolation("requestsPerMinute", "Enter a whole number."));
        }
        if (concurrent.getValue() == null) {
            violations.add(new FieldViolation("maxConcurrentRequests", "Enter a whole number."));
        }
        AiLimits limits = null;
        if (violations.isEmpty()) {
            limits = new AiLimits(tokens, requestsPerMinute.getValue(), concurrent.getValue());
            limits.violations().stream().map(AiLimitsDialog::sentence).forEach(violations::add);
        }
        boolean reasonMissing = reason.isMissing();
        if (!violations.isEmpty() || reasonMissing) {
            FieldErrors.show(fields, violations);
            return;
        }
        try {
            send.accept(new SetAiLimits(tenant.tenantId(), limits, reason.getValue()));
        } catch (RuntimeException failure) {
            Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
            if (rejection.violations().isEmpty()) {
                Notification.show(rejection.message(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            FieldErrors.show(fields, rejection.violations().stream().map(AiLimitsDialog::sentence).toList());
            return;
        }
        close();
        Notification.show("AI limits of " + tenant.name() + " saved.", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** The rule's message as a sentence; a handler may name the field inside the command ({@code limits.…}). */
    private static FieldViolation sentence(FieldViolation violation) {
        String field = violation.field().startsWith("limits.") ? violation.field().substring("limits.".length())
                : violation.field();
        return FieldErrors.asSentence(new FieldViolation(field, violation.message()));
    }
}
