package dev.saascore.kernel.ai;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * @param days        one entry per day of the range that had calls, oldest first
 * @param breakdown   totals of the range by model and actor, most tokens first
 * @param rejections  refused calls in the range
 */
public record AiUsageReport(List<Day> days, List<Breakdown> breakdown, long rejections) {

    public AiUsageReport {
        days = List.copyOf(days);
        breakdown = List.copyOf(breakdown);
    }

    public record Day(LocalDate day, long calls, long promptTokens, long completionTokens, BigDecimal costKwd) {
        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    /** @param actorId a user id or {@code apikey:<key id>}; actorName what people call it (name or key name) */
    public record Breakdown(String model, String actorId, String actorName, long calls, long promptTokens,
                            long completionTokens, BigDecimal costKwd) {
        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }
}
