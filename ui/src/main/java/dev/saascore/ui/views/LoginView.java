package dev.saascore.ui.views;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.saascore.ui.security.signin.SignInThrottledException;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** Staff sign-in (Spring Security form login posts to /login). */
@Route("login")
@PageTitle("Sign in · SaaS core")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setUsername("E-mail");
        form.setI18n(i18n);
        add(new H1("SaaS core"), new Paragraph("Sign in with your staff account."), form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setUsername("E-mail");
        Object failure = lastFailure();
        if (failure instanceof SignInThrottledException throttled) {
            // the same for known and unknown accounts; the message says how long to wait
            i18n.getErrorMessage().setTitle("Too many attempts");
            i18n.getErrorMessage().setMessage(throttled.getMessage());
        } else if (failure instanceof DisabledException) {
            i18n.getErrorMessage().setTitle("Account deactivated");
            i18n.getErrorMessage().setMessage("Your account was deactivated by your organisation. Ask its owner or an admin.");
        } else if (failure instanceof LockedException) {
            i18n.getErrorMessage().setTitle("Organisation suspended");
            i18n.getErrorMessage().setMessage(
                    "Your organisation's access is suspended. Contact the platform administrator.");
        } else {
            i18n.getErrorMessage().setTitle("Sign-in failed");
            i18n.getErrorMessage().setMessage("Check your e-mail address and password and try again.");
        }
        form.setI18n(i18n);
        form.setError(true);
    }

    private static Object lastFailure() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        HttpSession session = request == null ? null : request.getHttpServletRequest().getSession(false);
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
