package dev.saascore.kernel.staff;

import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;

import java.time.Instant;

/** @param displayName null until the invitation is accepted */
public record StaffMember(UserId userId, String email, String displayName, Role role, StaffStatus status,
                          Instant invitedAt) {
}
