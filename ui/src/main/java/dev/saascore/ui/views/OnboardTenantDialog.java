package dev.saascore.ui.views;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.TenantRules;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects a new tenant and its owner. The same rules as the aggregate's ({@link TenantRules}) give
 * immediate feedback; the platform's own refusals (e.g. a taken slug) land on the field they concern.
 */
class OnboardTenantDialog extends Dialog {

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final TextField name = new TextField("Organisation name");
    private final TextField slug = new TextField("Slug");
    private final TextField ownerName = new TextField("Owner's name");
    private final EmailField ownerEmail = new EmailField("Owner's e-mail");
    private final PasswordField ownerPassword = new PasswordField("Initial password");
    private final Map<String, HasValidation> fields = Map.of("name", name, "slug", slug, "ownerName", ownerName,
            "ownerEmail", ownerEmail, "ownerPassword", ownerPassword);

    private final PasswordEncoder passwords;
    private final Consumer<OnboardTenant> send;

    /**
     * @param send sends the command and waits for the directory to show it; throws the platform's refusal
     */
    OnboardTenantDialog(PasswordEncoder passwords, Consumer<OnboardTenant> send) {
        this.passwords = passwords;
        this.send = send;
        setHeaderTitle("Onboard a tenant");
        name.setMaxLength(TenantRules.NAME_MAX);
        slug.setMaxLength(TenantRules.SLUG_MAX);
        slug.setHelperText("Lower-case letters, digits and hyphens; unique on the platform.");
        ownerName.setMaxLength(TenantRules.NAME_MAX);
        ownerEmail.setMaxLength(TenantRules.EMAIL_MAX);
        ownerPassword.setHelperText("Leave empty to generate one; it is shown once.");
        fields.forEach((field, component) -> ((com.vaadin.flow.component.Component) component).setId("onboard-" + field));

        FormLayout form = new FormLayout(name, slug, ownerName, ownerEmail, ownerPassword);
        add(form);
        Button onboard = new Button("Onboard", click -> submit());
        onboard.setId("onboard-submit");
        onboard.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), onboard);
    }

    private void submit() {
        FieldErrors.clear(fields);
        List<FieldViolation> violations = new ArrayList<>(TenantRules.onboarding(
                name.getValue(), slug.getValue(), ownerName.getValue(), ownerEmail.getValue()));
        String password = ownerPassword.getValue();
        boolean generated = password.isEmpty();
        if (!generated && TenantRules.passwordProblem(password) != null) {
            violations.add(new FieldViolation("ownerPassword", TenantRules.passwordProblem(password)));
        }
        if (!violations.isEmpty()) {
            show(violations);
            return;
        }
        if (generated) {
            password = generatePassword();
        }
        OnboardTenant command = new OnboardTenant(TenantId.random(), name.getValue().strip(), slug.getValue(),
                UserId.random(), ownerName.getValue().strip(), ownerEmail.getValue().strip(), passwords.encode(password));
        try {
            send.accept(command);
        } catch (RuntimeException failure) {
            Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
            if (rejection.violations().isEmpty()) {
                Notification.show(rejection.message(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            show(rejection.violations());
            return;
        }
        close();
        Notification.show("Tenant " + command.name() + " onboarded.", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        if (generated) {
            showGeneratedPassword(command.ownerEmail(), password);
        }
    }

    private void show(List<FieldViolation> violations) {
        FieldErrors.show(fields, violations);
    }

    private static void showGeneratedPassword(String email, String password) {
        OneTimeSecretDialog.open("Initial password", "Give this password to " + email + ". It is not shown again.",
                "generated-password", password);
    }

    private static String generatePassword() {
        return SecretTokens.newCode(16, PASSWORD_ALPHABET);
    }
}
