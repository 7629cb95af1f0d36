package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.StaffList;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.ui.mail.StaffInvitationMail;
import dev.saascore.ui.security.token.CallerAuthentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's own resources over the API. Authorisation happens where the messages are handled (caller
 * guard): a tenant id that is not the token's answers 404, a role that may not act answers 403.
 */
@RestController
@RequestMapping("/api")
class TenantApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InvitationRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final StaffInvitationMail invitations;

    TenantApiController(CommandGateway commands, QueryGateway queries, StaffInvitationMail invitations) {
        this.commands = commands;
        this.queries = queries;
        this.invitations = invitations;
    }

    /** Who the token (or API key) says the caller is, with its roles and API scopes. */
    @GetMapping("/me")
    Map<String, Object> me(@AuthenticationPrincipal Caller caller, Authentication authentication) {
        Set<ApiScope> scopes = authentication instanceof CallerAuthentication token ? token.scopes() : Set.of();
        return Map.of("subject", caller.actorId(), "tenant_id", String.valueOf(caller.tenantId()),
                "roles", caller.roles().stream().map(Role::name).sorted().toList(),
                "scopes", scopes.stream().map(ApiScope::wireName).toList());
    }

    /** The API's own shapes: snake_case, plain ids, independent of the message records behind them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProfileResponse(String tenantId, String name, String slug, String ownerName, String ownerEmail,
                           String status, String statusReason, Instant onboardedAt) {
        static ProfileResponse of(TenantProfile profile) {
            return new ProfileResponse(profile.tenantId().toString(), profile.name(), profile.slug(), profile.ownerName(),
                    profile.ownerEmail(), profile.status().name(), profile.statusReason(), profile.onboardedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StaffMemberResponse(String userId, String email, String displayName, String role, String status,
                               Instant invitedAt) {
        static StaffMemberResponse of(StaffMember member) {
            return new StaffMemberResponse(member.userId().toString(), member.email(), member.displayName(),
                    member.role().name(), member.status().name(), member.invitedAt());
        }
    }

    @GetMapping("/tenants/{tenantId}/profile")
    ProfileResponse profile(@PathVariable UUID tenantId) {
        return queries.query(new FindTenantProfile(new TenantId(tenantId)),
                        ResponseTypes.optionalInstanceOf(TenantProfile.class)).join()
                .map(ProfileResponse::of)
                .orElseThrow(() -> new ApiProblems.NotFound("No such tenant."));
    }

    @GetMapping("/tenants/{tenantId}/staff")
    List<StaffMemberResponse> staff(@PathVariable UUID tenantId) {
        return queries.query(new ListStaff(new TenantId(tenantId)), StaffList.class).join().members().stream()
                .map(StaffMemberResponse::of).toList();
    }

    /** Invites a person; the single-use link goes to them by mail, never into the response. */
    @PostMapping("/tenants/{tenantId}/staff/invitations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> invite(@PathVariable UUID tenantId, @Valid @RequestBody InvitationRequest request) {
        StaffInvitationMail.PreparedInvitation invitation =
                invitations.prepare(new TenantId(tenantId), request.email(), request.role());
        commands.sendAndWait(invitation.command());
        invitations.send(invitation);
        return Map.of("user_id", invitation.command().userId().toString(), "status", "INVITED");
    }
}
