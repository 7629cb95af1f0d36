package dev.saascore.ui.views;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyList;
import dev.saascore.kernel.apikey.ApiKeyRules;
import dev.saascore.kernel.apikey.ApiKeySummary;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.ListApiKeys;
import dev.saascore.kernel.apikey.RevokeApiKey;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.security.ApiKeySecrets;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.RolesAllowed;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tenant's API keys, for owners and admins: create one (shown once, with a copy button), see what each may
 * do and until when, and revoke it with a reason (it stops working at once).
 */
@Route(value = "api-keys", layout = MainLayout.class)
@PageTitle("API keys · SaaS core")
@RolesAllowed({"OWNER", "ADMIN"})
public class ApiKeysView extends VerticalLayout {

    private final CommandsAwaitingProjections commands;
    private final QueryGateway queries;
    private final TenantId tenantId;
    private final Grid<ApiKeySummary> grid = new Grid<>(ApiKeySummary.class, false);

    public ApiKeysView(CommandsAwaitingProjections commands, QueryGateway queries, AuthenticationContext authentication) {
        this.commands = commands;
        this.queries = queries;
        this.tenantId = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow().account().tenantId();
        setSizeFull();

        Button create = new Button("Create key", VaadinIcon.KEY.create(), click -> openCreation());
        create.setId("create-api-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Paragraph usage = new Paragraph("Programs use a key as “Authorization: Bearer <key>” on the API. "
                + "A key is shown once, when it is created; only its first characters are kept to tell keys apart.");

        grid.setId("api-keys");
        grid.setEmptyStateText("No API keys yet. Create one for each program that calls the API.");
        grid.addColumn(ApiKeySummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(key -> ApiKeySecrets.displayed(key.prefix())).setHeader("Key").setAutoWidth(true);
        grid.addColumn(key -> key.scopes().stream().map(ApiScope::wireName).collect(Collectors.joining(", ")))
                .setHeader("Scopes").setAutoWidth(true);
        grid.addColumn(key -> key.expiresAt() == null ? "Never" : Labels.date(key.expiresAt()))
                .setHeader("Expires").setAutoWidth(true);
        grid.addColumn(key -> key.monthlyTokenBudget() == null ? "No limit"
                : String.format(Locale.ROOT, "%,d tokens", key.monthlyTokenBudget())).setHeader("Monthly AI budget")
                .setAutoWidth(true);
        grid.addComponentColumn(ApiKeysView::statusBadge).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        add(ViewHeader.of("API keys", create), usage, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(queries.query(new ListApiKeys(tenantId), ApiKeyList.class).join().keys());
    }

    private static Span statusBadge(ApiKeySummary key) {
        ApiKeySummary.Status status = key.status(Instant.now());
        Span badge = new Span(switch (status) {
            case ACTIVE -> "Active";
            case EXPIRED -> "Expired";
            case REVOKED -> "Revoked";
        });
        badge.getElement().getThemeList().add(switch (status) {
            case ACTIVE -> "badge success";
            case EXPIRED -> "badge contrast";
            case REVOKED -> "badge error";
        });
        return badge;
    }

    private Span actions(ApiKeySummary key) {
        Span actions = new Span();
        if (key.revokedAt() == null) {
            Button revoke = new Button("Revoke", click -> askRevocation(key));
            revoke.setId("revoke-" + key.prefix());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(revoke);
        }
        return actions;
    }

    private void openCreation() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Create an API key");
        TextField name = new TextField("Name");
        name.setId("api-key-name");
        name.setMaxLength(ApiKeyRules.NAME_MAX);
        name.setHelperText("Where the key is used, e.g. “Billing export”.");
        CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>("Scopes");
        scopes.setId("api-key-scopes");
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(ApiScope::wireName);
        DatePicker expiry = new DatePicker("Expires (optional)");
        expiry.setId("api-key-expiry");
        expiry.setMin(LocalDate.now(ZoneOffset.UTC));
        expiry.setHelperText("The key stops working at the end of this day (UTC). Empty: never.");
        TextField budget = new TextField("Monthly AI token budget (optional)");
        budget.setId("api-key-budget");
        budget.setAllowedCharPattern("[0-9]");
        budget.setHelperText("Tokens per month for this key. Empty: only the organisation's quota applies.");
        Map<String, HasValidation> fields = Map.of("name", name, "scopes", scopes, "expiresAt", expiry,
                "monthlyTokenBudget", budget);
        dialog.add(new FormLayout(name, scopes, expiry, budget));

        Button create = new Button("Create", click -> {
            FieldErrors.clear(fields);
            Instant expiresAt = expiry.getValue() == null ? null
                    : expiry.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<FieldViolation> violations = new ArrayList<>();
            Long tokens = null;
            try {
                tokens = budget.getValue().isBlank() ? null : Long.valueOf(budget.getValue().strip());
            } catch (NumberFormatException tooLarge) {
                violations.add(new FieldViolation("monthlyTokenBudget", "Enter a whole number of tokens."));
            }
            violations.addAll(ApiKeyRules.creation(name.getValue(), scopes.getValue(), expiresAt, tokens, Instant.now()));
            if (violations.isEmpty()) {
                ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
                CreateApiKey command = key.command(tenantId, name.getValue().strip(), scopes.getValue(), expiresAt, tokens);
                Optional<Rejection> refusal = send(command, command.keyId());
                if (refusal.isEmpty()) {
                    dialog.close();
                    OneTimeSecretDialog.open("Your new API key", "Copy this key now and keep it safe: it is not "
                            + "shown again. Revoke it here if it is ever exposed.", "api-key-secret", key.key());
                    return;
                }
                violations = refusal.get().violations();
            }
            FieldErrors.show(fields, violations);
        });
        create.setId("api-key-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), create);
        dialog.open();
    }

    private void askRevocation(ApiKeySummary key) {
        new ReasonDialog("Revoke " + key.name(), "api-key-revoke-reason",
                "The key stops working at once. This cannot be undone.", "Revoke", "api-key-revoke-confirm",
                reason -> send(new RevokeApiKey(key.keyId(), tenantId, reason), key.keyId()).isEmpty(),
                ButtonVariant.LUMO_ERROR).open();
    }

    /** Sends and waits for the key list to show the change; returns the platform's refusal, if any. */
    private Optional<Rejection> send(Object command, ApiKeyId changed) {
        Optional<Rejection> refusal = commands.sendOrRefusal(command, new ListApiKeys(tenantId), ApiKeyList.class,
                ApiKeySummary.class, key -> key.keyId().equals(changed));
        refresh();
        return refusal;
    }
}
