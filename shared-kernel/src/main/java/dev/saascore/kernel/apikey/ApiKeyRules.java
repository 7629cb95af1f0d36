package dev.saascore.kernel.apikey;

import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.TenantRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Input rules for API keys, shared by the handler (the authority) and the forms (early feedback). */
public final class ApiKeyRules {

    public static final int NAME_MAX = TenantRules.NAME_MAX;

    private ApiKeyRules() {
    }

    /** Field names are the command's: name, scopes, expiresAt, monthlyTokenBudget. */
    public static List<FieldViolation> creation(String name, Set<ApiScope> scopes, Instant expiresAt,
                                                Long monthlyTokenBudget, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        String nameProblem = TenantRules.nameProblem(name);
        if (nameProblem != null) {
            violations.add(new FieldViolation("name", nameProblem));
        }
        if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("scopes", "Choose at least one scope."));
        }
        if (expiresAt != null && expired(expiresAt, now)) {
            violations.add(new FieldViolation("expiresAt", "The expiry must be in the future."));
        }
        if (monthlyTokenBudget != null && monthlyTokenBudget <= 0) {
            violations.add(new FieldViolation("monthlyTokenBudget", "The budget must be a positive number of tokens."));
        }
        return violations;
    }

    /** A key expires at its expiry instant; without one it never does. */
    public static boolean expired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
