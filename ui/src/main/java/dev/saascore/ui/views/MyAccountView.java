package dev.saascore.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.identity.ChangeOwnPassword;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.PermitAll;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Everyone's own account: change the password (the current one is checked, and throttled, like a sign-in). */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("My account · SaaS core")
@PermitAll
public class MyAccountView extends VerticalLayout {

    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField fresh = new PasswordField("New password");
    private final PasswordField repeated = new PasswordField("New password again");

    public MyAccountView(CommandGateway commands, PasswordEncoder passwords, DaoAuthenticationProvider staffAuthentication,
                         AuthenticationContext authentication) {
        StaffPrincipal principal = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow();
        current.setId("current-password");
        fresh.setId("new-password");
        fresh.setHelperText("At least " + TenantRules.PASSWORD_MIN + " characters.");
        fresh.setMaxLength(TenantRules.PASSWORD_MAX);
        repeated.setId("new-password-again");
        Button change = new Button("Change password", click -> {
            current.setInvalid(false);
            fresh.setInvalid(false);
            repeated.setInvalid(false);
            String problem = TenantRules.passwordProblem(fresh.getValue());
            if (problem != null) {
                invalid(fresh, problem);
                return;
            }
            if (!fresh.getValue().equals(repeated.getValue())) {
                invalid(repeated, "The passwords differ.");
                return;
            }
            try {
                staffAuthentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                        principal.getUsername(), current.getValue()));
            } catch (AuthenticationException wrong) {
                invalid(current, "The current password is not correct.");
                return;
            }
            commands.sendAndWait(new ChangeOwnPassword(principal.account().userId(), passwords.encode(fresh.getValue())));
            current.clear();
            fresh.clear();
            repeated.clear();
            Notification.show("Your password was changed.", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(new H2("My account"));
        form.setMaxWidth("28rem");
        if (principal.account().tenantId() == null) {
            Paragraph managed = new Paragraph("Your password is set by the platform's configuration "
                    + "(PLATFORM_ADMIN_PASSWORD) and applied at every start.");
            managed.setId("password-managed");
            form.add(managed);
        } else {
            form.add(current, fresh, repeated, change);
        }
        add(form);
    }

    private static void invalid(PasswordField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
