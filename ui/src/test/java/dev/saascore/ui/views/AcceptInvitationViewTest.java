package dev.saascore.ui.views;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.AuthenticationException;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where an invitation link leads: an anonymous visitor picks a name and password and joins the team. */
class AcceptInvitationViewTest extends ViewTestSupport {

    private static final String NEW_PASSWORD = "my-own-password-77";

    private OnboardTenant tenant;
    private String email;
    private String token;

    @BeforeEach
    void invite() {
        tenant = onboardTenant("Joinable Ltd", uniqueSlug("join"));
        email = uniqueSlug("newcomer") + "@staff.test";
        token = TenantFixtures.invite(commands, queries, tenant.tenantId(), email, Role.FINANCE);
    }

    @Test
    void theLinkShowsTheForm() {
        followTheLink();

        assertThat(_get(H2.class, spec -> spec.withText("Join your team"))).isNotNull();
        assertThat(label("accept-name")).isEqualTo("Your name");
        assertThat(label("accept-password")).isEqualTo("Password");
        assertThat(label("accept-password-again")).isEqualTo("Password again");
        assertThat(_get(Button.class, spec -> spec.withId("accept-submit")).getText()).isEqualTo("Join the team");
        assertThat(_find(Paragraph.class, spec -> spec.withId("accept-done"))).isEmpty();
    }

    @Test
    void aShortPasswordIsRefusedOnThePasswordFieldAndWritesNothing() {
        long events = eventCount();
        followTheLink();

        fill("Nadia Newcomer", "too-short", "too-short");
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertFieldError("accept-password", "The password needs at least 12 characters.");
        assertValid("accept-name", "accept-password-again");
        assertNothingWritten(events);
    }

    @Test
    void differingPasswordsAreRefusedOnTheSecondFieldAndWriteNothing() {
        long events = eventCount();
        followTheLink();

        fill("Nadia Newcomer", NEW_PASSWORD, NEW_PASSWORD + "-typo");
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertFieldError("accept-password-again", "The passwords differ.");
        assertValid("accept-name", "accept-password");
        assertNothingWritten(events);
    }

    @Test
    void aMissingNameIsRefusedOnTheNameField() {
        long events = eventCount();
        followTheLink();

        fill("  ", NEW_PASSWORD, NEW_PASSWORD);
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertFieldError("accept-name", "This field is required.");
        assertValid("accept-password", "accept-password-again");
        assertNothingWritten(events);
    }

    @Test
    void aValidSubmissionJoinsTheTeamWithTheInvitedRoleAndTheNewPasswordSignsIn() {
        followTheLink();

        fill("Nadia Newcomer", NEW_PASSWORD, NEW_PASSWORD);
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertThat(_get(H2.class, spec -> spec.withText("You have joined"))).isNotNull();
        assertThat(_get(Paragraph.class, spec -> spec.withId("accept-done")).getText())
                .isEqualTo("Welcome to the team. You can sign in now.");
        assertThat(_find(Button.class, spec -> spec.withId("accept-submit"))).as("the form is gone").isEmpty();

        StaffPrincipal joined = signedIn(email, NEW_PASSWORD);
        assertThat(joined.account().tenantId()).isEqualTo(tenant.tenantId());
        assertThat(joined.account().roles()).containsExactly(Role.FINANCE);
        assertThat(joined.account().displayName()).isEqualTo("Nadia Newcomer");
        TenantFixtures.awaitTeamMember(queries, tenant.tenantId(), email, StaffStatus.ACTIVE);
        assertThat(TenantFixtures.member(queries, tenant.tenantId(), email)).get()
                .extracting(StaffMember::displayName).isEqualTo("Nadia Newcomer");
    }

    @Test
    void theLinkWorksOnlyOnce() {
        followTheLink();
        fill("Nadia Newcomer", NEW_PASSWORD, NEW_PASSWORD);
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));
        assertThat(_find(Paragraph.class, spec -> spec.withId("accept-done"))).hasSize(1);
        long events = eventCount();

        MockVaadin.tearDown();
        followTheLink();
        fill("Someone Else", "another-password-99", "another-password-99");
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertFieldError("accept-password", "This invitation link is invalid, expired or already used.");
        assertThat(_find(Paragraph.class, spec -> spec.withId("accept-done"))).isEmpty();
        assertThat(eventCount()).isEqualTo(events);
        assertThatThrownBy(() -> signedIn(email, "another-password-99")).isInstanceOf(AuthenticationException.class);
        assertThat(signedIn(email, NEW_PASSWORD).account().displayName()).isEqualTo("Nadia Newcomer");
    }

    @Test
    void anUnknownLinkIsRefusedOnThePasswordField() {
        long events = eventCount();
        openUi();
        UI.getCurrent().navigate("invitation/not-a-real-token");

        fill("Nadia Newcomer", NEW_PASSWORD, NEW_PASSWORD);
        _click(_get(Button.class, spec -> spec.withId("accept-submit")));

        assertFieldError("accept-password", "This invitation link is invalid, expired or already used.");
        assertNothingWritten(events);
    }

    /** Opens the link as an anonymous visitor would. */
    private void followTheLink() {
        openUi();
        UI.getCurrent().navigate("invitation/" + token);
        assertThat(currentView()).isInstanceOf(AcceptInvitationView.class);
    }

    private static void fill(String name, String password, String again) {
        _setValue(field("accept-name"), name);
        _setValue(field("accept-password"), password);
        _setValue(field("accept-password-again"), again);
    }

    /** No event, no account, and the invitation is still open. */
    private void assertNothingWritten(long events) {
        assertThat(eventCount()).isEqualTo(events);
        assertThat(_find(Paragraph.class, spec -> spec.withId("accept-done"))).isEmpty();
        assertThatThrownBy(() -> signedIn(email, NEW_PASSWORD)).isInstanceOf(AuthenticationException.class);
        assertThat(superuser.queryForObject(
                "SELECT accepted_at IS NULL FROM command_model.staff_invitation WHERE email = ?", Boolean.class, email))
                .as("the invitation is still open").isTrue();
        assertThat(TenantFixtures.member(queries, tenant.tenantId(), email)).get()
                .extracting(StaffMember::status).isEqualTo(StaffStatus.INVITED);
    }

    @SuppressWarnings("unchecked")
    private static HasValue<?, String> field(String id) {
        return (HasValue<?, String>) _get(Component.class, spec -> spec.withId(id));
    }

    private static String label(String id) {
        return ((HasLabel) _get(Component.class, spec -> spec.withId(id))).getLabel();
    }

    private static void assertFieldError(String id, String message) {
        HasValidation field = (HasValidation) _get(Component.class, spec -> spec.withId(id));
        assertThat(field.isInvalid()).as(id + " is marked invalid").isTrue();
        assertThat(field.getErrorMessage()).as(id + "'s error message").isEqualTo(message);
    }

    private static void assertValid(String... ids) {
        for (String id : ids) {
            assertThat(((HasValidation) _get(Component.class, spec -> spec.withId(id))).isInvalid())
                    .as(id + " is not marked invalid").isFalse();
        }
    }
}
