package dev.saascore.command.ai.limits;

import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.messaging.FieldViolation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The limits of every tenant a platform administrator has not given limits of its own
 * ({@code saas.ai.default-limits.*}). Checked at start-up with the same rules as {@code SetAiLimits}.
 */
@ConfigurationProperties("saas.ai.default-limits")
public record AiDefaultLimits(@DefaultValue("1000000") long monthlyTokenBudget,
                              @DefaultValue("600") int requestsPerMinute,
                              @DefaultValue("32") int maxConcurrentRequests) {

    public AiDefaultLimits {
        List<FieldViolation> violations =
                new AiLimits(monthlyTokenBudget, requestsPerMinute, maxConcurrentRequests).violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("saas.ai.default-limits: " + violations.stream()
                    .map(violation -> violation.field() + " " + violation.message()).collect(Collectors.joining("; ")));
        }
    }

    public AiLimits limits() {
        return new AiLimits(monthlyTokenBudget, requestsPerMinute, maxConcurrentRequests);
    }
}
