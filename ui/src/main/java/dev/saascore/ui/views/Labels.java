package dev.saascore.ui.views;

import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.money.Money;
import dev.saascore.kernel.tenant.TenantStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values read on screen. Times are shown in UTC with the zone written out. */
final class Labels {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

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

    /** A billing period as people name it, e.g. "November 2026". */
    static String period(BillingPeriod period) {
        return MONTH.format(period.month());
    }

    /** e.g. "1 December 2026" */
    static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** e.g. "12,345" */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** An exact cost as money: KWD with three decimals, rounded half up once, e.g. "0.004 KWD". */
    static String kwd(BigDecimal exactDinars) {
        return Money.roundedFrom(exactDinars).toString();
    }

    /** The same without the currency, for columns that name it, e.g. "0.004". */
    static String dinars(BigDecimal exactDinars) {
        return Money.roundedFrom(exactDinars).amount().toPlainString();
    }

    /** An exact cost as it was charged (six decimals), for tooltips, e.g. "0.003712 KWD". */
    static String exactKwd(BigDecimal exactDinars) {
        return exactDinars.setScale(Math.max(exactDinars.scale(), Money.SCALE)).toPlainString() + " " + Money.KWD;
    }
}
