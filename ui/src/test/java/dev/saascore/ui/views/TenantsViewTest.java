package dev.saascore.ui.views;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantSummary;
import dev.saascore.ui.testsupport.SignedIn;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform administrator's Tenants view: the directory grid, onboarding and suspension. */
class TenantsViewTest extends ViewTestSupport {

    private static final String PASSWORD = "a-chosen-password-42";

    /** Signs in as the seeded platform administrator and opens the Tenants view. */
    private void showTenantsAsPlatformAdmin() {
        openUiAs(platformAdmin());
        UI.getCurrent().navigate(TenantsView.class);
        assertThat(currentView()).isInstanceOf(TenantsView.class);
    }

    @Test
    void platformAdminSeesTheTenantGridWithExistingTenants() {
        OnboardTenant existing = onboardTenant("Grid Visible Ltd", uniqueSlug("visible"));
        showTenantsAsPlatformAdmin();

        Grid<TenantSummary> grid = grid();
        assertThat(grid.getColumns()).extracting(Grid.Column::getHeaderText)
                .startsWith("Name", "Slug", "Owner", "Status", "Onboarded");
        TenantSummary row = row(existing.slug()).orElseThrow(() -> new AssertionError(
                "the grid does not list " + existing.slug()));
        assertThat(row.name()).isEqualTo("Grid Visible Ltd");
        assertThat(row.ownerEmail()).isEqualTo(existing.ownerEmail());
        assertThat(statusOf(existing.slug())).isEqualTo("Active");
    }

    @Test
    void onboardingThroughTheDialogAddsTheTenantToTheGrid() {
        String slug = uniqueSlug("dialog");
        long events = eventCount();

        openOnboardingDialog();
        fill("Dialog Onboarded GmbH", slug, "Dana Owner", slug + "@owner.test", PASSWORD);
        _click(button("onboard-submit"));

        assertThat(_find(Dialog.class)).as("the dialog closes after onboarding").isEmpty();
        assertThat(row(slug)).get().satisfies(row -> {
            assertThat(row.name()).isEqualTo("Dialog Onboarded GmbH");
            assertThat(row.ownerEmail()).isEqualTo(slug + "@owner.test");
        });
        assertThat(statusOf(slug)).isEqualTo("Active");
        NotificationsKt.expectNotifications("Tenant Dialog Onboarded GmbH onboarded.");
        assertThat(eventCount()).as("one TenantOnboarded event").isGreaterThan(events);
        // the chosen password is the owner's, and no generated one was shown
        assertThat(_find(TextField.class, spec -> spec.withId("generated-password"))).isEmpty();
        assertThat(signedIn(slug + "@owner.test", PASSWORD).account().tenantId()).isNotNull();
    }

    @Test
    void blankSlugIsRefusedOnTheSlugFieldAndWritesNothing() {
        long events = eventCount();
        openOnboardingDialog();
        fill("No Slug Ltd", "", "Owner", "owner@noslug.test", PASSWORD);
        _click(button("onboard-submit"));

        assertFieldError("onboard-slug", "This field is required.");
        assertValid("onboard-name", "onboard-ownerName", "onboard-ownerEmail", "onboard-ownerPassword");
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void invalidSlugAndInvalidEmailShowTheirMessagesAndWriteNothing() {
        long events = eventCount();
        openOnboardingDialog();
        fill("Bad Input Ltd", "Not A Slug", "Owner", "not-an-email", PASSWORD);
        _click(button("onboard-submit"));

        assertFieldError("onboard-slug", "Use lower-case letters, digits and inner hyphens only (e.g. acme-kw).");
        assertFieldError("onboard-ownerEmail", "Enter a valid e-mail address.");
        assertValid("onboard-name", "onboard-ownerName", "onboard-ownerPassword");
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(eventCount()).isEqualTo(events);

        // correcting the input clears the errors and onboards
        String slug = uniqueSlug("fixed");
        fill("Bad Input Ltd", slug, "Owner", slug + "@owner.test", PASSWORD);
        _click(button("onboard-submit"));
        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(row(slug)).isPresent();
    }

    @Test
    void aTooShortChosenPasswordIsRefusedOnThePasswordField() {
        long events = eventCount();
        openOnboardingDialog();
        String slug = uniqueSlug("shortpw");
        fill("Short Password Ltd", slug, "Owner", slug + "@owner.test", "short");
        _click(button("onboard-submit"));

        assertFieldError("onboard-ownerPassword", "The password needs at least 12 characters.");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(row(slug)).isEmpty();
    }

    @Test
    void aDuplicateSlugShowsAlreadyTakenOnTheSlugField() {
        OnboardTenant existing = onboardTenant("First Owner Of Slug", uniqueSlug("taken"));
        showTenantsAsPlatformAdmin();
        long events = eventCount();

        openOnboardingDialog();
        String email = uniqueSlug("second") + "@owner.test";
        fill("Second Claimant", existing.slug(), "Other Owner", email, PASSWORD);
        _click(button("onboard-submit"));

        assertFieldError("onboard-slug", "The slug '" + existing.slug() + "' is already taken.");
        assertValid("onboard-name", "onboard-ownerName", "onboard-ownerEmail", "onboard-ownerPassword");
        assertThat(_find(Dialog.class)).as("the dialog stays open to pick another slug").hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(grid().getListDataView().getItems().filter(t -> t.slug().equals(existing.slug())))
                .extracting(TenantSummary::name).containsExactly("First Owner Of Slug");
    }

    @Test
    void suspendingAsksForAReasonAndChangesTheStatus() {
        OnboardTenant tenant = onboardTenant("Suspend Me Ltd", uniqueSlug("suspend"));
        showTenantsAsPlatformAdmin();
        assertThat(statusOf(tenant.slug())).isEqualTo("Active");
        long events = eventCount();

        _click(actionButton(tenant.slug(), "suspend-"));
        TextArea reason = _get(TextArea.class, spec -> spec.withId("status-reason"));
        _click(button("status-confirm"));
        assertThat(reason.isInvalid()).as("an empty reason is refused").isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("A reason is required.");
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(statusOf(tenant.slug())).isEqualTo("Active");

        _setValue(reason, "Unpaid invoices");
        _click(button("status-confirm"));

        assertThat(_find(Dialog.class)).as("the dialog closes once suspended").isEmpty();
        assertThat(statusOf(tenant.slug())).isEqualTo("Suspended");
        assertThat(row(tenant.slug())).get().extracting(TenantSummary::statusReason).isEqualTo("Unpaid invoices");
        assertThat(actionButton(tenant.slug(), "reactivate-").getText()).isEqualTo("Reactivate");
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void leavingThePasswordEmptyShowsTheGeneratedPasswordOnce() {
        String slug = uniqueSlug("generated");
        openOnboardingDialog();
        fill("Generated Password Ltd", slug, "Gene Owner", slug + "@owner.test", "");
        _click(button("onboard-submit"));

        TextField generated = _get(TextField.class, spec -> spec.withId("generated-password"));
        String password = generated.getValue();
        assertThat(password).hasSize(16).matches("[A-Za-z0-9]+");
        assertThat(generated.isReadOnly()).isTrue();
        assertThat(row(slug)).isPresent();
        // it really is the owner's password
        assertThat(signedIn(slug + "@owner.test", password).getUsername()).isEqualTo(slug + "@owner.test");

        Dialog once = (Dialog) generated.getParent().orElseThrow();
        _click(_get(once, Button.class, spec -> spec.withText("Done")));
        assertThat(_find(TextField.class, spec -> spec.withId("generated-password")))
                .as("the password is not shown again").isEmpty();
        assertThat(everythingShown()).doesNotContain(password);
    }

    @Test
    void onboardingSucceedsEvenWhenTheDirectoryIsSlowToShowTheNewTenant() {
        showTenantsAsPlatformAdmin();
        String slug = uniqueSlug("slowdir");
        EventProcessor directoryProjection = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor("tenant-directory").orElseThrow();
        directoryProjection.shutDown(); // the directory lags behind: the view's wait for it runs out
        try {
            openOnboardingDialog();
            fill("Slow Directory Ltd", slug, "Sam Owner", slug + "@owner.test", PASSWORD);
            _click(button("onboard-submit"));

            assertThat(_find(Dialog.class)).as("the tenant was onboarded, so the dialog closes").isEmpty();
            NotificationsKt.expectNotifications("Tenant Slow Directory Ltd onboarded.");
            assertThat(signedIn(slug + "@owner.test", PASSWORD).getUsername()).isEqualTo(slug + "@owner.test");
        } finally {
            directoryProjection.start();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> SignedIn.as(SignedIn.platformAdmin(),
                () -> queries.query(new ListTenants(), TenantDirectory.class).join().tenants().stream()
                        .anyMatch(t -> t.slug().equals(slug))));
    }

    @Test
    void theAiLimitsDialogShowsTheLimitsInForceAndSetsNewOnes() {
        OnboardTenant tenant = onboardTenant("Limited AI Ltd", uniqueSlug("ailimits"));
        AiLimits defaults = aiAdmission(tenant).limits();
        showTenantsAsPlatformAdmin();

        _click(aiLimitsButton(tenant.slug()));
        assertThat(_get(TextField.class, spec -> spec.withId("ai-limits-budget")).getValue())
                .isEqualTo(Long.toString(defaults.monthlyTokenBudget()));
        assertThat(_get(IntegerField.class, spec -> spec.withId("ai-limits-rpm")).getValue())
                .isEqualTo(defaults.requestsPerMinute());
        assertThat(_get(IntegerField.class, spec -> spec.withId("ai-limits-concurrent")).getValue())
                .isEqualTo(defaults.maxConcurrentRequests());
        assertThat(_get(Paragraph.class, spec -> spec.withId("ai-limits-source")).getText())
                .isEqualTo("The platform's default limits apply to this tenant until you set its own.");

        _setValue(_get(TextField.class, spec -> spec.withId("ai-limits-budget")), "250000");
        _setValue(_get(IntegerField.class, spec -> spec.withId("ai-limits-rpm")), 30);
        _setValue(_get(IntegerField.class, spec -> spec.withId("ai-limits-concurrent")), 3);
        _setValue(_get(TextArea.class, spec -> spec.withId("ai-limits-reason")), "Starter plan");
        _click(button("ai-limits-save"));

        assertThat(_find(Dialog.class)).as("the dialog closes once saved").isEmpty();
        NotificationsKt.expectNotifications("AI limits of Limited AI Ltd saved.");
        AiAdmission now = aiAdmission(tenant);
        assertThat(now.limits()).isEqualTo(new AiLimits(250_000, 30, 3));
        assertThat(now.limitsExplicit()).isTrue();

        _click(aiLimitsButton(tenant.slug()));
        assertThat(_get(TextField.class, spec -> spec.withId("ai-limits-budget")).getValue()).isEqualTo("250000");
        assertThat(_get(Paragraph.class, spec -> spec.withId("ai-limits-source")).getText())
                .isEqualTo("These limits were set for this tenant.");
    }

    @Test
    void theAiLimitsDialogRefusesBadValuesOnTheirFieldsAndWritesNothing() {
        OnboardTenant tenant = onboardTenant("Bad Limits Ltd", uniqueSlug("badlimits"));
        AiLimits before = aiAdmission(tenant).limits();
        showTenantsAsPlatformAdmin();
        long events = eventCount();

        _click(aiLimitsButton(tenant.slug()));
        _setValue(_get(TextField.class, spec -> spec.withId("ai-limits-budget")), "0");
        _setValue(_get(IntegerField.class, spec -> spec.withId("ai-limits-rpm")), 2_000_000);
        _click(button("ai-limits-save"));

        assertFieldError("ai-limits-budget", "Must be between 1 and " + AiLimits.MAX_BUDGET + ".");
        assertFieldError("ai-limits-rpm", "Must be between 1 and " + AiLimits.MAX_REQUESTS_PER_MINUTE + ".");
        assertFieldError("ai-limits-reason", "A reason is required.");
        assertValid("ai-limits-concurrent");
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);

        _setValue(_get(TextField.class, spec -> spec.withId("ai-limits-budget")), "");
        _click(button("ai-limits-save"));
        assertFieldError("ai-limits-budget", "Enter a whole number of tokens.");

        assertThat(eventCount()).isEqualTo(events);
        assertThat(aiAdmission(tenant).limits()).isEqualTo(before);
    }

    private AiAdmission aiAdmission(OnboardTenant tenant) {
        return SignedIn.as(SignedIn.platformAdmin(), () -> queries.query(new FindAiAdmission(tenant.tenantId(), null),
                AiAdmission.class).join());
    }

    /** The row's "AI limits" button, rendered as the grid renders it. */
    private static Button aiLimitsButton(String slug) {
        Grid<TenantSummary> grid = grid();
        TenantSummary item = row(slug).orElseThrow(() -> new AssertionError("the grid does not list " + slug));
        Grid.Column<TenantSummary> column = grid.getColumns().get(grid.getColumns().size() - 1);
        Button button = (Button) ((ComponentRenderer<?, TenantSummary>) column.getRenderer()).createComponent(item);
        assertThat(button.getId()).hasValue("ai-limits-" + slug);
        assertThat(button.getText()).isEqualTo("AI limits");
        return button;
    }

    private void openOnboardingDialog() {
        if (UI.getCurrent() == null) {
            showTenantsAsPlatformAdmin();
        }
        _click(button("onboard-tenant"));
        assertThat(_find(Dialog.class)).hasSize(1);
    }

    private static void fill(String name, String slug, String ownerName, String ownerEmail, String password) {
        setField("onboard-name", name);
        setField("onboard-slug", slug);
        setField("onboard-ownerName", ownerName);
        setField("onboard-ownerEmail", ownerEmail);
        setField("onboard-ownerPassword", password);
    }

    @SuppressWarnings("unchecked")
    private static void setField(String id, String value) {
        _setValue((HasValue<?, String>) field(id), value);
    }

    private static Component field(String id) {
        return _get(Component.class, spec -> spec.withId(id));
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    private static void assertFieldError(String id, String message) {
        HasValidation field = (HasValidation) field(id);
        assertThat(field.isInvalid()).as(id + " is marked invalid").isTrue();
        assertThat(field.getErrorMessage()).as(id + "'s error message").isEqualTo(message);
    }

    private static void assertValid(String... ids) {
        for (String id : ids) {
            assertThat(((HasValidation) field(id)).isInvalid()).as(id + " is not marked invalid").isFalse();
        }
    }

    @SuppressWarnings("unchecked")
    private static Grid<TenantSummary> grid() {
        return _get(Grid.class, spec -> spec.withId("tenants"));
    }

    private static List<TenantSummary> rows() {
        return GridKt._findAll(grid());
    }

    private static Optional<TenantSummary> row(String slug) {
        return rows().stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** What the Status column shows for the tenant (its badge's text). */
    private static String statusOf(String slug) {
        return ((Span) cell(slug, "Status")).getText();
    }

    /** The row's Suspend/Reactivate button, rendered as the grid renders it, checked by its id. */
    private static Button actionButton(String slug, String idPrefix) {
        Button button = (Button) cell(slug, "");
        assertThat(button.getId()).hasValue(idPrefix + slug);
        return button;
    }

    private static Component cell(String slug, String header) {
        Grid<TenantSummary> grid = grid();
        TenantSummary item = row(slug).orElseThrow(() -> new AssertionError("the grid does not list " + slug));
        Grid.Column<TenantSummary> column = grid.getColumns().stream()
                .filter(c -> header.equals(c.getHeaderText())).findFirst().orElseThrow();
        return ((ComponentRenderer<?, TenantSummary>) column.getRenderer()).createComponent(item);
    }
}
