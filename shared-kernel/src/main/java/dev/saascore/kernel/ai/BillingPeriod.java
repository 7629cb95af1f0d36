package dev.saascore.kernel.ai;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/** A billing period: one calendar month in UTC. Written {@code 2026-11} in events, keys and tables. */
public record BillingPeriod(YearMonth month) {

    public BillingPeriod {
        Objects.requireNonNull(month, "month");
    }

    public static BillingPeriod of(Instant instant) {
        return new BillingPeriod(YearMonth.from(instant.atZone(ZoneOffset.UTC)));
    }

    public static BillingPeriod parse(String text) {
        return new BillingPeriod(YearMonth.parse(text));
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the period. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
