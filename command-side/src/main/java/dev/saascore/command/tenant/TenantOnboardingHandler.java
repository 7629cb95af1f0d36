package dev.saascore.command.tenant;

import dev.saascore.command.identity.StaffCredential;
import dev.saascore.command.identity.StaffCredentials;
import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.TenantRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Onboarding needs checks no single aggregate can make (slug and e-mail unique across the platform), so it
 * runs here: validate, claim the slug, store the owner's credential, then create the aggregate. All of it
 * happens in the command's transaction, so a refusal at any step writes nothing.
 */
@Component
public class TenantOnboardingHandler {

    private final Repository<Tenant> tenants;
    private final TenantRegistry registry;
    private final StaffCredentials credentials;

    public TenantOnboardingHandler(Repository<Tenant> tenants, TenantRegistry registry, StaffCredentials credentials) {
        this.tenants = tenants;
        this.registry = registry;
        this.credentials = credentials;
    }

    @CommandHandler
    public void handle(OnboardTenant command) throws Exception {
        List<FieldViolation> violations = new ArrayList<>(TenantRules.onboarding(
                command.name(), command.slug(), command.ownerName(), command.ownerEmail()));
        if (command.ownerId() == null) {
            violations.add(new FieldViolation("ownerId", "An owner id is required."));
        }
        if (command.ownerPasswordHash() == null || command.ownerPasswordHash().isBlank()) {
            violations.add(new FieldViolation("ownerPassword", "An initial password is required."));
        }
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        if (!registry.claim(command.tenantId(), command.slug())) {
            throw Rejections.conflict("slug", "The slug '" + command.slug() + "' is already taken.");
        }
        StaffCredential owner = new StaffCredential(command.ownerId(), command.tenantId(),
                TenantRules.normaliseEmail(command.ownerEmail()), command.ownerName().strip(),
                command.ownerPasswordHash(), Set.of(Role.OWNER));
        if (!credentials.add(owner)) {
            throw Rejections.conflict("ownerEmail", "An account with this e-mail address already exists.");
        }
        tenants.newInstance(() -> new Tenant(command));
    }
}
