package dev.saascore.ui.testsupport;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.ui.security.SecretTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Real staff (invited by the owner, joined with a password), for tests that need someone who can sign in. */
public final class TeamMembers {

    private TeamMembers() {
    }

    /** Invites and joins a person with the role; returns the e-mail address they sign in with. */
    public static String join(CommandGateway commands, PasswordEncoder passwords, TenantId tenant, Role role,
                              String password) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@staff.test";
        String token = SecretTokens.newToken();
        SignedIn.as(SignedIn.owner(tenant), () -> commands.sendAndWait(new InviteStaff(tenant, UserId.random(), email,
                role, SecretTokens.hash(token), Instant.now().plus(Duration.ofHours(1)))));
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Test " + role, passwords.encode(password)));
        return email;
    }
}
