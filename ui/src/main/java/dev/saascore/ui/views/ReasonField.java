package dev.saascore.ui.views;

import com.vaadin.flow.component.textfield.TextArea;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.TenantRules;

import java.util.List;

/** The reason a change asks for (suspension, deactivation, revocation …), checked by the aggregates' own rule. */
class ReasonField extends TextArea {

    ReasonField(String id, String helperText) {
        super("Reason");
        setId(id);
        setMaxLength(TenantRules.REASON_MAX);
        setWidthFull();
        if (helperText != null) {
            setHelperText(helperText);
        }
    }

    /** Shows the problem on the field and answers true when the reason is missing or too long. */
    boolean isMissing() {
        List<FieldViolation> violations = TenantRules.reason(getValue());
        if (violations.isEmpty()) {
            return false;
        }
        setErrorMessage(violations.get(0).message());
        setInvalid(true);
        return true;
    }
}
