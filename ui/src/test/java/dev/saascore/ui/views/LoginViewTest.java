package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinServletRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saascore.ui.security.signin.SignInThrottledException;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

import java.time.Duration;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in view: what it says before and after a failed sign-in. */
class LoginViewTest extends ViewTestSupport {

    @Test
    void showsTheSignInFormWithoutAnError() {
        openUi();
        UI.getCurrent().navigate(LoginView.class);

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isForgotPasswordButtonVisible()).isFalse();
        assertThat(i18n(form).getForm().getUsername()).isEqualTo("E-mail");
    }

    @Test
    void aWrongPasswordShowsAGenericSignInFailure() {
        openUi();
        failedSignIn(new BadCredentialsException("Bad credentials"));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form).getErrorMessage().getTitle()).isEqualTo("Sign-in failed");
        assertThat(i18n(form).getErrorMessage().getMessage())
                .isEqualTo("Check your e-mail address and password and try again.");
    }

    @Test
    void aSuspendedOrganisationIsNamedAsTheReason() {
        openUi();
        failedSignIn(new LockedException("This organisation is suspended."));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form).getErrorMessage().getTitle()).isEqualTo("Organisation suspended");
        assertThat(i18n(form).getErrorMessage().getMessage())
                .isEqualTo("Your organisation's access is suspended. Contact the platform administrator.");
    }

    @Test
    void aThrottledSignInSaysHowLongToWait() {
        openUi();
        failedSignIn(new SignInThrottledException(Duration.ofMinutes(4)));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(i18n(form).getErrorMessage().getTitle()).isEqualTo("Too many attempts");
        assertThat(i18n(form).getErrorMessage().getMessage())
                .isEqualTo("Too many failed attempts. Try again in 4 minutes.");
    }

    /** What Spring Security's failure handler leaves in the session before redirecting to /login?error. */
    private static void failedSignIn(Exception failure) {
        VaadinServletRequest.getCurrent().getHttpServletRequest().getSession()
                .setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
    }

    /** The texts the form shows, as the browser receives them (the i18n property). */
    private static LoginI18n i18n(LoginForm form) {
        Object raw = form.getElement().getPropertyRaw("i18n");
        try {
            return new ObjectMapper().readValue(raw.toString(), LoginI18n.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable i18n property: " + raw, e);
        }
    }
}
