package dev.saascore.ui.mail;

import com.vaadin.flow.server.VaadinServletRequest;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.ui.security.SecretTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Invitations as the edge sends them, from the Team view and the API alike: a fresh single-use token whose
 * hash goes into {@link InviteStaff}, and once the platform accepted the command, the mail with the link.
 */
@Component
public class StaffInvitationMail {

    public static final Duration VALID_FOR = Duration.ofHours(72);

    /** The command to send, and the token only the mail will carry. */
    public record PreparedInvitation(InviteStaff command, String token) {
    }

    private final Mailer mailer;
    private final Clock clock;
    private final String publicUrl;

    public StaffInvitationMail(Mailer mailer, Clock clock, @Value("${saas.public-url:}") String publicUrl) {
        this.mailer = mailer;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    public PreparedInvitation prepare(TenantId tenant, String email, Role role) {
        String token = SecretTokens.newToken();
        return new PreparedInvitation(new InviteStaff(tenant, UserId.random(), email, role, SecretTokens.hash(token),
                clock.instant().plus(VALID_FOR)), token);
    }

    /** Call once the platform accepted the invitation. */
    public void send(PreparedInvitation invitation) {
        InviteStaff command = invitation.command();
        String role = command.role().name().charAt(0) + command.role().name().substring(1).toLowerCase(Locale.ROOT);
        mailer.send(command.email(), "You are invited to join your team on SaaS core",
                "Hello,\n\nyou are invited to join your organisation's team as " + role + ".\n"
                        + "Accept within " + VALID_FOR.toHours() + " hours by opening this link:\n"
                        + baseUrl() + "/invitation/" + invitation.token() + "\n\nThe link works once.");
    }

    /** PUBLIC_URL when set, else the address the current request came to (a view's or the API's). */
    private String baseUrl() {
        if (!publicUrl.isBlank()) {
            return publicUrl.replaceAll("/+$", "");
        }
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
                ? web.getRequest()
                : VaadinServletRequest.getCurrent() != null ? VaadinServletRequest.getCurrent().getHttpServletRequest() : null;
        if (request == null) {
            throw new IllegalStateException("No request to derive the invitation link from: set PUBLIC_URL");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    }
}
