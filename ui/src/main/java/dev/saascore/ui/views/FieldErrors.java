package dev.saascore.ui.views;

import com.vaadin.flow.component.HasValidation;
import dev.saascore.kernel.messaging.FieldViolation;

import java.util.List;
import java.util.Map;

/** Puts the platform's field refusals on a form's fields, by the field names the rules and handlers use. */
final class FieldErrors {

    private FieldErrors() {
    }

    static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(field -> field.setInvalid(false));
    }

    static void show(Map<String, ? extends HasValidation> fields, List<FieldViolation> violations) {
        for (FieldViolation violation : violations) {
            HasValidation field = fields.get(violation.field());
            if (field != null) {
                field.setErrorMessage(violation.message());
                field.setInvalid(true);
            }
        }
    }

    /** A rule's "must be between 1 and …" as a sentence under the field: "Must be between 1 and …." */
    static FieldViolation asSentence(FieldViolation violation) {
        String message = violation.message();
        if (!message.isEmpty()) {
            message = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        }
        return new FieldViolation(violation.field(), message.endsWith(".") ? message : message + ".");
    }
}
