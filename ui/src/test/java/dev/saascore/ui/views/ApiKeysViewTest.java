package dev.saascore.ui.views;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeySummary;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.FindApiKeyForAuthentication;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.testsupport.TenantFixtures;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The API keys view of owners and admins: create (the key shown once), list, revoke; nobody else gets in. */
class ApiKeysViewTest extends ViewTestSupport {

    @Test
    void anOwnerCreatesAKeyThatIsShownOnceAndThenNowhere() {
        OnboardTenant tenant = showApiKeysAsOwner("Key Makers Ltd", "keymakers");

        openCreation();
        _setValue(_get(TextField.class, spec -> spec.withId("api-key-name")), "Billing export");
        scopes().setValue(Set.of(ApiScope.INVOICES_READ, ApiScope.USAGE_READ));
        _get(DatePicker.class, spec -> spec.withId("api-key-expiry")).setValue(LocalDate.now(ZoneOffset.UTC).plusDays(30));
        _setValue(_get(TextField.class, spec -> spec.withId("api-key-budget")), "250000");
        _click(button("api-key-create"));

        TextField shown = _get(TextField.class, spec -> spec.withId("api-key-secret"));
        String key = shown.getValue();
        assertThat(key).matches("sk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
        assertThat(shown.isReadOnly()).isTrue();
        assertThat(account(key)).as("the key shown is the one stored (by its hash)").get()
                .satisfies(account -> assertThat(account.tenantId()).isEqualTo(tenant.tenantId()));
        _click(button("api-key-secret-copy"));
        NotificationsKt.expectNotifications("Copied to the clipboard.");

        _click(button("api-key-secret-done"));
        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(_find(TextField.class, spec -> spec.withId("api-key-secret"))).isEmpty();
        assertThat(everythingShown()).doesNotContain(key).doesNotContain(key.substring(12));

        ApiKeySummary row = rows().get(0);
        assertThat(row.name()).isEqualTo("Billing export");
        assertThat(key).startsWith("sk_" + row.prefix() + "_");
        assertThat(row.scopes()).containsExactly(ApiScope.USAGE_READ, ApiScope.INVOICES_READ);
        assertThat(row.monthlyTokenBudget()).isEqualTo(250_000L);
        assertThat(row.expiresAt()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(31).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(statusOf(row)).isEqualTo("Active");
        assertThat(GridKt._getFormattedRow(grid(), 0)).contains("sk_" + row.prefix() + "_…", "usage:read, invoices:read",
                "250,000 tokens");
    }

    @Test
    void badInputIsShownOnItsFieldsAndWritesNothing() {
        OnboardTenant tenant = showApiKeysAsOwner("Careless Keys Ltd", "careless");

        openCreation();
        _setValue(_get(TextField.class, spec -> spec.withId("api-key-budget")), "0");
        _click(button("api-key-create"));

        TextField name = _get(TextField.class, spec -> spec.withId("api-key-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("This field is required.");
        assertThat(scopes().isInvalid()).isTrue();
        assertThat(scopes().getErrorMessage()).isEqualTo("Choose at least one scope.");
        assertThat(_get(TextField.class, spec -> spec.withId("api-key-budget")).getErrorMessage())
                .isEqualTo("The budget must be a positive number of tokens.");
        assertThat(_find(Dialog.class)).as("the dialog stays open").hasSize(1);
        assertThat(_find(TextField.class, spec -> spec.withId("api-key-secret"))).isEmpty();
        assertThat(superuser.queryForObject("SELECT count(*) FROM command_model.api_key WHERE tenant_id = ?",
                Long.class, tenant.tenantId().value())).isZero();
    }

    @Test
    void revokingAsksForAReasonAndChangesTheStatus() {
        showApiKeysAsOwner("Revoking Ltd", "revoking");
        openCreation();
        _setValue(_get(TextField.class, spec -> spec.withId("api-key-name")), "Old integration");
        scopes().setValue(Set.of(ApiScope.AI_INVOKE));
        _click(button("api-key-create"));
        String key = _get(TextField.class, spec -> spec.withId("api-key-secret")).getValue();
        _click(button("api-key-secret-done"));
        ApiKeySummary row = rows().get(0);
        long events = eventCount();

        _click(revokeButton(row).orElseThrow());
        TextArea reason = _get(TextArea.class, spec -> spec.withId("api-key-revoke-reason"));
        _click(button("api-key-revoke-confirm"));
        assertThat(reason.isInvalid()).as("an empty reason is refused").isTrue();
        assertThat(eventCount()).isEqualTo(events);

        _setValue(reason, "Integration retired");
        _click(button("api-key-revoke-confirm"));

        assertThat(_find(Dialog.class)).isEmpty();
        ApiKeySummary revoked = rows().get(0);
        assertThat(statusOf(revoked)).isEqualTo("Revoked");
        assertThat(revoked.revokedReason()).isEqualTo("Integration retired");
        assertThat(revokeButton(revoked)).as("a revoked key cannot be revoked again").isEmpty();
        assertThat(account(key)).get().satisfies(account -> assertThat(account.revoked()).isTrue());
    }

    @Test
    void aMemberIsNotOfferedApiKeysAndCannotOpenThem() {
        OnboardTenant tenant = onboardTenant("Members Only Ltd", uniqueSlug("members"));
        String member = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), Role.MEMBER, OWNER_PASSWORD);
        openUiAs(signedIn(member, OWNER_PASSWORD));
        UI.getCurrent().navigate("");

        assertThat(navigationLabels()).containsExactly("Organisation", "Team", "AI playground", "My account");
        assertNavigationRefused(ApiKeysView.class);
    }

    @Test
    void anAdminIsOfferedApiKeysAndCanOpenThem() {
        OnboardTenant tenant = onboardTenant("Admins Too Ltd", uniqueSlug("admins"));
        String admin = TenantFixtures.join(commands, queries, passwords, tenant.tenantId(), Role.ADMIN, OWNER_PASSWORD);
        openUiAs(signedIn(admin, OWNER_PASSWORD));
        UI.getCurrent().navigate(ApiKeysView.class);

        assertThat(navigationLabels()).contains("API keys");
        assertThat(currentView()).isInstanceOf(ApiKeysView.class);
    }

    private OnboardTenant showApiKeysAsOwner(String name, String slugPrefix) {
        OnboardTenant tenant = onboardTenant(name, uniqueSlug(slugPrefix));
        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(ApiKeysView.class);
        assertThat(currentView()).isInstanceOf(ApiKeysView.class);
        return tenant;
    }

    private static void openCreation() {
        _click(button("create-api-key"));
        assertThat(_find(Dialog.class)).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static CheckboxGroup<ApiScope> scopes() {
        return _get(CheckboxGroup.class, spec -> spec.withId("api-key-scopes"));
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    @SuppressWarnings("unchecked")
    private static Grid<ApiKeySummary> grid() {
        return _get(Grid.class, spec -> spec.withId("api-keys"));
    }

    private static List<ApiKeySummary> rows() {
        return grid().getListDataView().getItems().toList();
    }

    /** What the Status column shows for the key (its badge's text). */
    private static String statusOf(ApiKeySummary key) {
        return ((Span) cell(key, "Status")).getText();
    }

    /** The row's Revoke button, rendered as the grid renders it, checked by its id. */
    private static Optional<Button> revokeButton(ApiKeySummary key) {
        Optional<Button> revoke = cell(key, "").getChildren().map(Button.class::cast).findFirst();
        revoke.ifPresent(button -> assertThat(button.getId()).hasValue("revoke-" + key.prefix()));
        return revoke;
    }

    @SuppressWarnings("unchecked")
    private static Component cell(ApiKeySummary key, String header) {
        Grid.Column<ApiKeySummary> column = grid().getColumns().stream()
                .filter(c -> header.equals(c.getHeaderText())).findFirst().orElseThrow();
        return ((ComponentRenderer<?, ApiKeySummary>) column.getRenderer()).createComponent(key);
    }

    private Optional<ApiKeyAccount> account(String key) {
        return queries.query(new FindApiKeyForAuthentication(SecretTokens.hash(key)),
                ResponseTypes.optionalInstanceOf(ApiKeyAccount.class)).join();
    }
}
