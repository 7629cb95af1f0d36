package dev.saascore.ui.seed;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.RegisterPlatformAdministrator;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.infrastructure.InfrastructureEnvironment;
import dev.saascore.ui.security.SystemCaller;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seeds the platform administrator from configuration on every start (configuration is the truth for
 * that account) and, in embedded mode only, a demo tenant with its owner. Then says where to sign in.
 */
@Component
@ConditionalOnProperty(name = "saas.roles.command", havingValue = "true", matchIfMissing = true)
class PlatformSeeder {

    private static final Logger log = LoggerFactory.getLogger(PlatformSeeder.class);

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final Environment env;

    PlatformSeeder(CommandGateway commands, PasswordEncoder passwords, Environment env) {
        this.commands = commands;
        this.passwords = passwords;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        String adminEmail = env.getRequiredProperty("saas.platform-admin.email");
        String adminPassword = env.getRequiredProperty("saas.platform-admin.password");
        SystemCaller.call(() -> commands.sendAndWait(new RegisterPlatformAdministrator(
                stableId("platform-admin:" + adminEmail), adminEmail, "Platform administrator",
                passwords.encode(adminPassword))));

        if (!env.getProperty(InfrastructureEnvironment.EMBEDDED_MODE, Boolean.class, false)) {
            return;
        }
        String slug = env.getRequiredProperty("saas.demo.tenant-slug");
        String ownerEmail = env.getRequiredProperty("saas.demo.owner-email");
        String ownerPassword = env.getRequiredProperty("saas.demo.owner-password");
        seedDemoTenant(slug, ownerEmail, ownerPassword);

        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info("""

                ================================================================
                 SaaS core is ready (embedded mode): http://localhost:{}
                 Platform administrator: {} / {}
                 Demo tenant owner:      {} / {}
                 Data directory: {}
                ================================================================""",
                port, adminEmail, adminPassword, ownerEmail, ownerPassword,
                env.getProperty("saas.data-dir"));
    }

    private void seedDemoTenant(String slug, String ownerEmail, String ownerPassword) {
        OnboardTenant demo = new OnboardTenant(new TenantId(stableId("tenant:" + slug).value()), "Demo Trading Co.",
                slug, stableId("owner:" + ownerEmail), "Demo Owner", ownerEmail, passwords.encode(ownerPassword));
        try {
            SystemCaller.call(() -> commands.sendAndWait(demo));
            log.info("Seeded the demo tenant '{}'", slug);
        } catch (CommandExecutionException refused) {
            boolean alreadyThere = refused.getDetails().filter(d -> d instanceof Rejection r
                    && Rejection.CONFLICT.equals(r.code())).isPresent();
            if (!alreadyThere) {
                throw refused;
            }
        }
    }

    private static UserId stableId(String name) {
        return new UserId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
