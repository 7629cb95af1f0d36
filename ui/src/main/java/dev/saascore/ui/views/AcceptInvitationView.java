package dev.saascore.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.StaffRules;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.ui.security.SecretTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;

/** Where an invitation link leads: the invited person picks their name and password, then signs in. */
@Route("invitation/:token")
@PageTitle("Join your team · SaaS core")
@AnonymousAllowed
public class AcceptInvitationView extends VerticalLayout implements BeforeEnterObserver {

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final TextField displayName = new TextField("Your name");
    private final PasswordField password = new PasswordField("Password");
    private final PasswordField repeated = new PasswordField("Password again");
    private String token;

    public AcceptInvitationView(CommandGateway commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
        setAlignItems(FlexComponent.Alignment.CENTER);
        displayName.setId("accept-name");
        displayName.setMaxLength(TenantRules.NAME_MAX);
        password.setId("accept-password");
        password.setHelperText("At least " + TenantRules.PASSWORD_MIN + " characters.");
        password.setMaxLength(TenantRules.PASSWORD_MAX);
        repeated.setId("accept-password-again");
        Button accept = new Button("Join the team", click -> accept());
        accept.setId("accept-submit");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(new H2("Join your team"), displayName, password, repeated, accept);
        form.setMaxWidth("28rem");
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
    }

    private void accept() {
        displayName.setInvalid(false);
        password.setInvalid(false);
        repeated.setInvalid(false);
        List<FieldViolation> violations = StaffRules.acceptance(displayName.getValue(), password.getValue());
        if (violations.isEmpty() && !password.getValue().equals(repeated.getValue())) {
            repeated.setErrorMessage("The passwords differ.");
            repeated.setInvalid(true);
            return;
        }
        if (violations.isEmpty()) {
            try {
                commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), displayName.getValue().strip(),
                        passwords.encode(password.getValue())));
                removeAll();
                Paragraph done = new Paragraph("Welcome to the team. You can sign in now.");
                done.setId("accept-done");
                add(new H2("You have joined"), done, new Anchor("login", "Sign in"));
                return;
            } catch (RuntimeException failure) {
                Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
                violations = rejection.violations().isEmpty()
                        ? List.of(new FieldViolation("password", rejection.message())) : rejection.violations();
            }
        }
        for (FieldViolation violation : violations) {
            if (violation.field().equals("displayName")) {
                displayName.setErrorMessage(violation.message());
                displayName.setInvalid(true);
            } else {
                password.setErrorMessage(violation.message());
                password.setInvalid(true);
            }
        }
    }
}
