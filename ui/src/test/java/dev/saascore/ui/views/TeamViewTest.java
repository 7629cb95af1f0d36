package dev.saascore.ui.views;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.DeactivateStaff;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.mail.LocalOutbox;
import dev.saascore.ui.mail.OutgoingMail;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tenant's Team view: the grid, invitations and their mail, role changes and deactivation, and what each
 * role may do there. Owners, admins and members are real accounts (invited and accepted through the buses).
 */
class TeamViewTest extends ViewTestSupport {

    private static final String STAFF_PASSWORD = "staff-password-1234";
    private static final String TAKEN = "This e-mail address already has an account or a pending invitation.";
    private static final Pattern LINK = Pattern.compile("\\S*/invitation/([A-Za-z0-9_-]+)");

    private OnboardTenant tenant;

    @BeforeEach
    void onboardATenant() {
        tenant = onboardTenant("Team View Ltd", uniqueSlug("team"));
    }

    @Test
    void anOwnerSeesTheTeamWithThemselvesAsActiveOwner() {
        showTeamAs(tenant.ownerEmail());

        assertThat(grid().getColumns()).extracting(Grid.Column::getHeaderText)
                .containsExactly("Name", "E-mail", "Role", "Status", "");
        assertThat(rows()).extracting(StaffMember::email).containsExactly(tenant.ownerEmail());
        assertThat(text(tenant.ownerEmail(), "Name")).isEqualTo("Owner of Team View Ltd");
        assertThat(text(tenant.ownerEmail(), "Role")).isEqualTo("Owner");
        assertThat(statusOf(tenant.ownerEmail())).isEqualTo("Active");
        assertThat(_find(Button.class, spec -> spec.withId("invite-staff"))).hasSize(1);
    }

    @Test
    void invitingClosesTheDialogShowsTheInviteeAndMailsTheLink() {
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();
        String email = invitee("invited");

        inviteThroughTheDialog(email, Role.FINANCE);

        NotificationsKt.expectNotifications("Invitation sent to " + email + ".");
        assertThat(text(email, "Name")).isEqualTo("(invited)");
        assertThat(text(email, "Role")).isEqualTo("Finance");
        assertThat(statusOf(email)).isEqualTo("Invited");
        assertThat(eventCount()).as("one StaffInvited event").isEqualTo(events + 1);

        List<OutgoingMail> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("You are invited to join your team on SaaS core");
        assertThat(mails.get(0).body()).contains("as Finance").contains("/invitation/");
        // the link carries the token whose hash (and only that) the platform stored for this address
        String token = token(mails.get(0));
        assertThat(superuser.queryForObject("SELECT token_hash FROM command_model.staff_invitation WHERE email = ?",
                String.class, email)).isEqualTo(SecretTokens.hash(token));
    }

    @Test
    void theOutboxListsTheInvitationMail() {
        showTeamAs(tenant.ownerEmail());
        String email = invitee("outbox");
        inviteThroughTheDialog(email, Role.MEMBER);

        UI.getCurrent().navigate("outbox");

        assertThat(currentView()).isInstanceOf(OutboxView.class);
        @SuppressWarnings("unchecked")
        Grid<OutgoingMail> outbox = _get(Grid.class, spec -> spec.withId("outbox"));
        List<OutgoingMail> listed = GridKt._findAll(outbox);
        assertThat(listed.get(0).to()).as("newest first").isEqualTo(email);
        assertThat(GridKt._getFormattedRow(outbox, 0)).contains(email, "You are invited to join your team on SaaS core");
        assertThat(listed.get(0).body()).contains("/invitation/" + token(mailsTo(email).get(0)));
        // the body (with the link) is in the row's details, which a click opens in the browser
        assertThat(outbox.isDetailsVisibleOnClick()).isTrue();
    }

    @Test
    void anInvalidEmailShowsTheFieldErrorAndWritesNothing() {
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();
        int mails = outbox().latest().size();

        openInvitation();
        _setValue(emailField(), "not-an-email");
        _click(button("invite-submit"));

        assertFieldError("invite-email", "Enter a valid e-mail address.");
        assertThat(((HasValidation) roleChoice("invite-role")).isInvalid()).isFalse();
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(outbox().latest()).hasSize(mails);
        assertThat(rows()).hasSize(1);
    }

    @Test
    void anAddressWithAnAccountOrAPendingInvitationIsRefusedOnTheEmailField() {
        String pending = invitee("pending");
        TenantFixtures.invite(commands, queries, tenant.tenantId(), pending, Role.MEMBER);
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();
        int mails = outbox().latest().size();

        openInvitation();
        _setValue(emailField(), tenant.ownerEmail());
        _click(button("invite-submit"));

        assertFieldError("invite-email", TAKEN);
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);

        _setValue(emailField(), pending.toUpperCase());
        _click(button("invite-submit"));

        assertFieldError("invite-email", TAKEN);
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(outbox().latest()).as("no mail was sent").hasSize(mails);
        assertThat(rows()).extracting(StaffMember::email).containsExactlyInAnyOrder(tenant.ownerEmail(), pending);
    }

    @Test
    void anAdminCannotGiveTheOwnerRoleNorTouchAnOwner() {
        String admin = joined("admin", Role.ADMIN);
        String member = joined("member", Role.MEMBER);
        showTeamAs(admin);

        assertThat(_find(Button.class, spec -> spec.withId("invite-staff"))).hasSize(1);
        openInvitation();
        assertThat(roleChoice("invite-role").getListDataView().getItems())
                .containsExactly(Role.ADMIN, Role.MEMBER, Role.FINANCE, Role.AUDITOR);
        _click(_get(Button.class, spec -> spec.withText("Cancel")));

        assertThat(actionButton(tenant.ownerEmail(), "role-").isEnabled()).as("change the owner's role").isFalse();
        assertThat(actionButton(tenant.ownerEmail(), "deactivate-").isEnabled()).as("deactivate the owner").isFalse();
        assertThat(actionButton(member, "role-").isEnabled()).isTrue();
        assertThat(actionButton(member, "deactivate-").isEnabled()).isTrue();

        _click(actionButton(member, "role-"));
        assertThat(roleChoice("new-role").getListDataView().getItems()).doesNotContain(Role.OWNER);
    }

    @Test
    void aMemberSeesTheTeamButNoWayToChangeIt() {
        String member = joined("member", Role.MEMBER);
        showTeamAs(member);

        assertThat(rows()).extracting(StaffMember::email).containsExactlyInAnyOrder(tenant.ownerEmail(), member);
        assertThat(text(member, "Role")).isEqualTo("Member");
        assertThat(statusOf(member)).isEqualTo("Active");
        assertThat(_find(Button.class, spec -> spec.withId("invite-staff"))).isEmpty();
        assertThat(grid().getColumns()).as("no actions column")
                .extracting(Grid.Column::getHeaderText).containsExactly("Name", "E-mail", "Role", "Status");
    }

    @Test
    void changingARoleUpdatesTheGridAndTheNextSignIn() {
        String member = joined("promoted", Role.MEMBER);
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();

        changeRoleThroughTheDialog(member, Role.FINANCE, "Moved to accounts");

        assertThat(_find(Dialog.class)).as("the dialog closes").isEmpty();
        assertThat(text(member, "Role")).isEqualTo("Finance");
        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(signedIn(member, STAFF_PASSWORD).account().roles()).containsExactly(Role.FINANCE);
    }

    @Test
    void theLastActiveOwnerIsNeitherDemotedNorDeactivated() {
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();

        changeRoleThroughTheDialog(tenant.ownerEmail(), Role.ADMIN, "Stepping back");

        NotificationsKt.expectNotifications("The last active owner cannot be demoted. Make someone else an owner first.");
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);
        assertThat(text(tenant.ownerEmail(), "Role")).isEqualTo("Owner");
        _click(_get(Button.class, spec -> spec.withText("Cancel")));

        _click(actionButton(tenant.ownerEmail(), "deactivate-"));
        _setValue(_get(TextArea.class, spec -> spec.withId("staff-reason")), "Leaving");
        _click(button("staff-confirm"));

        NotificationsKt.expectNotifications(
                "The last active owner cannot be deactivated. Make someone else an owner first.");
        assertThat(statusOf(tenant.ownerEmail())).isEqualTo("Active");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(signedIn(tenant.ownerEmail(), OWNER_PASSWORD).account().roles()).containsExactly(Role.OWNER);
    }

    @Test
    void deactivatingNeedsAReasonAndEndsTheirSignIn() {
        String leaver = joined("leaver", Role.MEMBER);
        showTeamAs(tenant.ownerEmail());
        long events = eventCount();

        _click(actionButton(leaver, "deactivate-"));
        TextArea reason = _get(TextArea.class, spec -> spec.withId("staff-reason"));
        _click(button("staff-confirm"));

        assertThat(reason.isInvalid()).as("an empty reason is refused").isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("A reason is required.");
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(statusOf(leaver)).isEqualTo("Active");

        _setValue(reason, "Left the company");
        _click(button("staff-confirm"));

        assertThat(_find(Dialog.class)).as("the dialog closes").isEmpty();
        assertThat(statusOf(leaver)).isEqualTo("Deactivated");
        assertThat(actionButton(leaver, "reactivate-").getText()).isEqualTo("Reactivate");
        assertThat(eventCount()).isEqualTo(events + 1);
        assertThatThrownBy(() -> signedIn(leaver, STAFF_PASSWORD)).isInstanceOf(DisabledException.class);
    }

    @Test
    void aPersonDeactivatedDuringTheirSessionIsSignedOutAtTheNextNavigation() {
        String member = joined("session", Role.MEMBER);
        showTeamAs(member);
        UserId memberId = TenantFixtures.member(queries, tenant.tenantId(), member).orElseThrow().userId();

        SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> commands.sendAndWait(
                new DeactivateStaff(tenant.tenantId(), memberId, "Left the company")));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("signed out").isNull();
        assertThat(_find(OrganisationView.class)).isEmpty();
    }

    /** Signs in through the real authentication provider and opens the Team view. */
    private void showTeamAs(String email) {
        openUiAs(signedIn(email, email.equals(tenant.ownerEmail()) ? OWNER_PASSWORD : STAFF_PASSWORD));
        UI.getCurrent().navigate(TeamView.class);
        assertThat(currentView()).isInstanceOf(TeamView.class);
    }

    /** A person invited with the role who accepted (password {@link #STAFF_PASSWORD}). */
    private String joined(String prefix, Role role) {
        String email = invitee(prefix);
        String token = TenantFixtures.invite(commands, queries, tenant.tenantId(), email, role);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Joined " + prefix,
                passwords.encode(STAFF_PASSWORD)));
        TenantFixtures.awaitTeamMember(queries, tenant.tenantId(), email, StaffStatus.ACTIVE);
        return email;
    }

    private void inviteThroughTheDialog(String email, Role role) {
        openInvitation();
        _setValue(emailField(), email);
        _setValue(roleChoice("invite-role"), role);
        _click(button("invite-submit"));
        assertThat(_find(Dialog.class)).as("the dialog closes").isEmpty();
    }

    private static void changeRoleThroughTheDialog(String email, Role role, String reason) {
        _click(actionButton(email, "role-"));
        _setValue(roleChoice("new-role"), role);
        _setValue(_get(TextArea.class, spec -> spec.withId("staff-reason")), reason);
        _click(button("role-confirm"));
    }

    private static EmailField emailField() {
        return _get(EmailField.class, spec -> spec.withId("invite-email"));
    }

    private void openInvitation() {
        _click(button("invite-staff"));
        assertThat(_find(Dialog.class)).hasSize(1);
    }

    private LocalOutbox outbox() {
        return context.getBean(LocalOutbox.class);
    }

    private List<OutgoingMail> mailsTo(String email) {
        return outbox().latest().stream().filter(mail -> mail.to().equals(email)).toList();
    }

    private static String token(OutgoingMail mail) {
        Matcher link = LINK.matcher(mail.body());
        assertThat(link.find()).as("the mail holds an invitation link").isTrue();
        return link.group(1);
    }

    private static String invitee(String prefix) {
        return uniqueSlug(prefix) + "@staff.test";
    }

    @SuppressWarnings("unchecked")
    private static Select<Role> roleChoice(String id) {
        return _get(Select.class, spec -> spec.withId(id));
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    private static void assertFieldError(String id, String message) {
        HasValidation field = (HasValidation) _get(Component.class, spec -> spec.withId(id));
        assertThat(field.isInvalid()).as(id + " is marked invalid").isTrue();
        assertThat(field.getErrorMessage()).as(id + "'s error message").isEqualTo(message);
    }

    @SuppressWarnings("unchecked")
    private static Grid<StaffMember> grid() {
        return _get(Grid.class, spec -> spec.withId("team"));
    }

    private static List<StaffMember> rows() {
        return GridKt._findAll(grid());
    }

    private static StaffMember row(String email) {
        return rows().stream().filter(member -> member.email().equals(email)).findFirst()
                .orElseThrow(() -> new AssertionError("the team grid does not list " + email));
    }

    private static Grid.Column<StaffMember> column(String header) {
        return grid().getColumns().stream().filter(c -> header.equals(c.getHeaderText())).findFirst().orElseThrow();
    }

    /** What a text column shows for the person. */
    private static String text(String email, String header) {
        return GridKt._getFormatted(column(header), row(email));
    }

    /** What the Status column shows for the person (its badge's text). */
    private static String statusOf(String email) {
        return ((Span) cell(email, "Status")).getText();
    }

    /** The row's action button with the id prefix, rendered as the grid renders it. */
    private static Button actionButton(String email, String idPrefix) {
        HorizontalLayout actions = (HorizontalLayout) cell(email, "");
        return actions.getChildren().map(Button.class::cast)
                .filter(button -> button.getId().orElse("").equals(idPrefix + email)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + idPrefix + email));
    }

    private static Component cell(String email, String header) {
        return ((ComponentRenderer<?, StaffMember>) column(header).getRenderer()).createComponent(row(email));
    }
}
