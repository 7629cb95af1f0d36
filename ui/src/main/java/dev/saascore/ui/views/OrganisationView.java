package dev.saascore.ui.views;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.ui.security.StaffPrincipal;
import jakarta.annotation.security.RolesAllowed;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.Optional;

/** The signed-in tenant's own organisation profile; nothing of any other tenant can appear here. */
@Route(value = "organisation", layout = MainLayout.class)
@PageTitle("Organisation · SaaS core")
@RolesAllowed({"OWNER", "ADMIN", "MEMBER", "FINANCE", "AUDITOR"})
public class OrganisationView extends VerticalLayout {

    public OrganisationView(QueryGateway queries, AuthenticationContext authentication) {
        StaffPrincipal principal = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow();
        Optional<TenantProfile> profile = queries.query(new FindTenantProfile(principal.account().tenantId()),
                ResponseTypes.optionalInstanceOf(TenantProfile.class)).join();

        add(new H2("Organisation"));
        profile.ifPresentOrElse(this::show, () -> add(new Paragraph(
                "Your organisation's profile is being prepared. Reload the page in a moment.")));
    }

    private void show(TenantProfile profile) {
        FormLayout details = new FormLayout();
        details.setId("organisation-profile");
        details.add(readOnly("Name", profile.name()), readOnly("Slug", profile.slug()),
                readOnly("Status", Labels.status(profile.status())), readOnly("Onboarded", Labels.date(profile.onboardedAt())),
                readOnly("Owner", profile.ownerName()), readOnly("Owner e-mail", profile.ownerEmail()));
        if (profile.statusReason() != null) {
            details.add(readOnly("Last status change", profile.statusReason()));
        }
        add(details);
    }

    private static TextField readOnly(String label, String value) {
        TextField field = new TextField(label);
        field.setValue(value);
        field.setReadOnly(true);
        return field;
    }
}
