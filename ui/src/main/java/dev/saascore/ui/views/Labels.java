package dev.saascore.ui.views;

import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.TenantStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How values read on screen. Times are shown in UTC with the zone written out. */
final class Labels {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Labels() {
    }

    static String status(TenantStatus status) {
        return status == TenantStatus.ACTIVE ? "Active" : "Suspended";
    }

    static String role(Role role) {
        return switch (role) {
            case OWNER -> "Owner";
            case ADMIN -> "Admin";
            case MEMBER -> "Member";
            case FINANCE -> "Finance";
            case AUDITOR -> "Auditor";
            case PLATFORM_ADMIN -> "Platform administrator";
            case PLATFORM_FINANCE -> "Platform finance";
            case PLATFORM_AUDITOR -> "Platform auditor";
        };
    }

    static String date(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
