package dev.saascore.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Shows a secret once (a generated password, a new API key) in a read-only field with a copy button. Closing
 * the dialog removes it from the page; the platform keeps only a hash, so it cannot be shown again.
 */
final class OneTimeSecretDialog {

    private OneTimeSecretDialog() {
    }

    static Dialog open(String title, String explanation, String fieldId, String secret) {
        Dialog once = new Dialog();
        once.setHeaderTitle(title);
        once.setCloseOnOutsideClick(false);  // a stray click must not lose the secret
        TextField value = new TextField();
        value.setId(fieldId);
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        once.add(new Paragraph(explanation), value);
        // the browser copies what the field shows; the listener itself holds no copy of the secret
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), click -> {
            value.getElement().executeJs("navigator.clipboard.writeText(this.value)");
            Notification.show("Copied to the clipboard.", 2000, Notification.Position.BOTTOM_START);
        });
        copy.setId(fieldId + "-copy");
        Button done = new Button("Done", click -> once.close());
        done.setId(fieldId + "-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        once.getFooter().add(copy, done);
        once.open();
        return once;
    }
}
