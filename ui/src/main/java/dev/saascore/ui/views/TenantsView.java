package dev.saascore.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSummary;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.function.Function;

/** Platform administrators onboard, list, suspend and reactivate tenants, and set their AI limits. */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants · SaaS core")
@RolesAllowed("PLATFORM_ADMIN")
public class TenantsView extends VerticalLayout {

    private final TenantDirectoryClient directory;
    private final Grid<TenantSummary> grid = new Grid<>(TenantSummary.class, false);

    public TenantsView(TenantDirectoryClient directory, PasswordEncoder passwords) {
        this.directory = directory;
        setSizeFull();

        Button onboard = new Button("Onboard tenant", VaadinIcon.PLUS.create(),
                click -> new OnboardTenantDialog(passwords, command -> {
                    directory.sendAndAwait(command.tenantId(), command);
                    refresh();
                }).open());
        onboard.setId("onboard-tenant");
        onboard.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("tenants");
        grid.addColumn(TenantSummary::name).setHeader("Name").setAutoWidth(true).setSortable(true);
        grid.addColumn(TenantSummary::slug).setHeader("Slug").setAutoWidth(true).setSortable(true);
        grid.addColumn(TenantSummary::ownerEmail).setHeader("Owner").setAutoWidth(true);
        grid.addComponentColumn(TenantsView::statusBadge).setHeader("Status").setAutoWidth(true);
        grid.addColumn(summary -> Labels.date(summary.onboardedAt())).setHeader("Onboarded").setAutoWidth(true);
        grid.addComponentColumn(this::statusAction).setHeader("").setAutoWidth(true);
        grid.addComponentColumn(this::aiLimitsAction).setHeader("").setAutoWidth(true);
        grid.setEmptyStateText("No tenants yet.");
        add(ViewHeader.of("Tenants", onboard), grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(directory.list());
    }

    private static Span statusBadge(TenantSummary summary) {
        Span badge = new Span(Labels.status(summary.status()));
        badge.getElement().getThemeList().add(summary.status() == TenantStatus.ACTIVE ? "badge success" : "badge error");
        if (summary.statusReason() != null) {
            badge.getElement().setAttribute("title", summary.statusReason());
        }
        return badge;
    }

    private Button statusAction(TenantSummary summary) {
        boolean active = summary.status() == TenantStatus.ACTIVE;
        Button action = new Button(active ? "Suspend" : "Reactivate", click -> askReason(summary, active));
        action.addThemeVariants(ButtonVariant.LUMO_SMALL, active ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        action.setId((active ? "suspend-" : "reactivate-") + summary.slug());
        return action;
    }

    private Button aiLimitsAction(TenantSummary summary) {
        Button action = new Button("AI limits", click -> new AiLimitsDialog(summary,
                directory.aiAdmission(summary.tenantId()), directory::setAiLimits).open());
        action.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        action.setId("ai-limits-" + summary.slug());
        return action;
    }

    private void askReason(TenantSummary summary, boolean suspend) {
        Function<String, Object> command = reason -> suspend
                ? new SuspendTenant(summary.tenantId(), reason)
                : new ReactivateTenant(summary.tenantId(), reason);
        new ReasonDialog((suspend ? "Suspend " : "Reactivate ") + summary.name(), "status-reason",
                suspend ? "Its staff can no longer sign in." : "Its staff can sign in again.",
                suspend ? "Suspend" : "Reactivate", "status-confirm",
                reason -> send(summary.tenantId(), command.apply(reason)),
                suspend ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS).open();
    }

    private boolean send(TenantId tenantId, Object command) {
        try {
            directory.sendAndAwait(tenantId, command);
            refresh();
            return true;
        } catch (RuntimeException failure) {
            Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
            Notification.show(rejection.message(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            refresh();
            return false;
        }
    }
}
