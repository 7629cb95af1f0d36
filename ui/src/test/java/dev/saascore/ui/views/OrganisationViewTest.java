package dev.saascore.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.ui.testsupport.SignedIn;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant owner's own organisation profile, and nothing of any other tenant. */
class OrganisationViewTest extends ViewTestSupport {

    @Test
    void ownerSeesTheirOwnOrganisationAndNothingOfAnotherTenant() {
        OnboardTenant own = onboardTenant("Own Organisation Ltd", uniqueSlug("own"));
        OnboardTenant other = onboardTenant("Somebody Else Inc", uniqueSlug("other"));

        openUiAs(signedIn(own.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(currentView()).isInstanceOf(OrganisationView.class);
        Map<String, String> profile = profile();
        assertThat(profile).containsEntry("Name", "Own Organisation Ltd")
                .containsEntry("Slug", own.slug())
                .containsEntry("Status", "Active")
                .containsEntry("Owner", "Owner of Own Organisation Ltd")
                .containsEntry("Owner e-mail", own.ownerEmail());
        assertThat(profile.values()).allSatisfy(value -> assertThat(value).isNotBlank());
        _find(TextField.class).forEach(field -> assertThat(field.isReadOnly()).isTrue());

        String shown = everythingShown();
        assertThat(shown).contains(own.slug())
                .doesNotContain(other.slug()).doesNotContain(other.name()).doesNotContain(other.ownerEmail());
    }

    @Test
    void theOtherOwnerSeesOnlyTheirOwnOrganisation() {
        OnboardTenant first = onboardTenant("First Tenant Co", uniqueSlug("first"));
        OnboardTenant second = onboardTenant("Second Tenant Co", uniqueSlug("second"));

        openUiAs(signedIn(second.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(profile()).containsEntry("Name", "Second Tenant Co").containsEntry("Slug", second.slug());
        assertThat(everythingShown()).doesNotContain(first.slug()).doesNotContain(first.name());
    }

    @Test
    void theProfileShowsTheLastStatusChangeReason() {
        OnboardTenant tenant = onboardTenant("Reasoned Ltd", uniqueSlug("reasoned"));
        SignedIn.as(SignedIn.platformAdmin(), () -> {
            commands.sendAndWait(new SuspendTenant(tenant.tenantId(), "Audit in progress"));
            commands.sendAndWait(new ReactivateTenant(tenant.tenantId(), "Audit passed"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> SignedIn.as(SignedIn.owner(tenant.tenantId()),
                () -> queries.query(new FindTenantProfile(tenant.tenantId()),
                        ResponseTypes.optionalInstanceOf(TenantProfile.class)).join()
                        .map(p -> "Audit passed".equals(p.statusReason())).orElse(false)));

        openUiAs(signedIn(tenant.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(profile()).containsEntry("Name", "Reasoned Ltd")
                .containsEntry("Status", "Active")
                .containsEntry("Last status change", "Audit passed");
    }

    @Test
    void anOwnerWhoseProfileIsNotProjectedYetSeesAMessageAndNoOtherData() {
        OnboardTenant somebody = onboardTenant("Not Mine Ltd", uniqueSlug("notmine"));
        OnboardTenant newcomer = onboardTenant("Newcomer Ltd", uniqueSlug("newcomer"));
        // as if the projection had not reached the newcomer's onboarding yet
        superuser.update("DELETE FROM read_model.tenant_profile WHERE tenant_id = ?", newcomer.tenantId().value());

        openUiAs(signedIn(newcomer.ownerEmail(), OWNER_PASSWORD));
        UI.getCurrent().navigate(OrganisationView.class);

        assertThat(_find(FormLayout.class, spec -> spec.withId("organisation-profile"))).isEmpty();
        assertThat(everythingShown()).contains("Your organisation's profile is being prepared.")
                .doesNotContain(somebody.slug()).doesNotContain(somebody.name());
    }

    /** The profile form's read-only fields, label to value. */
    private static Map<String, String> profile() {
        FormLayout form = _get(FormLayout.class, spec -> spec.withId("organisation-profile"));
        Map<String, String> values = new LinkedHashMap<>();
        _find(form, TextField.class).forEach(field -> values.put(field.getLabel(), field.getValue()));
        return values;
    }
}
