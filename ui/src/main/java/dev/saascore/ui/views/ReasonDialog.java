package dev.saascore.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;

import java.util.function.Predicate;

/**
 * Asks for the reason of a change (suspension, deactivation, unlock, revocation …) and confirms it. The
 * reason is checked by the aggregates' rule first; {@code confirmed} then acts on it and answers whether the
 * dialog may close (false keeps it open, e.g. after a refusal).
 */
class ReasonDialog extends Dialog {

    ReasonDialog(String title, String fieldId, String helperText, String confirmLabel, String confirmId,
                 Predicate<String> confirmed, ButtonVariant... confirmVariants) {
        setHeaderTitle(title);
        ReasonField reason = new ReasonField(fieldId, helperText);
        add(reason);
        Button confirm = new Button(confirmLabel, click -> {
            if (!reason.isMissing() && confirmed.test(reason.getValue())) {
                close();
            }
        });
        confirm.setId(confirmId);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addThemeVariants(confirmVariants);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
