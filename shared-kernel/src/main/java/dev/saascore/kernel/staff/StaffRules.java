package dev.saascore.kernel.staff;

import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.TenantRules;

import java.util.ArrayList;
import java.util.List;

/** Input rules for staff, shared by the handlers (the authority) and the forms (early feedback). */
public final class StaffRules {

    private StaffRules() {
    }

    public static List<FieldViolation> invitation(String email, Role role) {
        List<FieldViolation> violations = new ArrayList<>();
        String emailProblem = TenantRules.emailProblem(email);
        if (emailProblem != null) {
            violations.add(new FieldViolation("email", emailProblem));
        }
        violations.addAll(role("role", role));
        return violations;
    }

    public static List<FieldViolation> role(String field, Role role) {
        if (role == null) {
            return List.of(new FieldViolation(field, "Choose a role."));
        }
        return role.scope() == Role.Scope.TENANT ? List.of()
                : List.of(new FieldViolation(field, "Platform roles cannot be given to tenant staff."));
    }

    public static List<FieldViolation> acceptance(String displayName, String password) {
        List<FieldViolation> violations = new ArrayList<>();
        String nameProblem = TenantRules.nameProblem(displayName);
        if (nameProblem != null) {
            violations.add(new FieldViolation("displayName", nameProblem));
        }
        String passwordProblem = TenantRules.passwordProblem(password);
        if (passwordProblem != null) {
            violations.add(new FieldViolation("password", passwordProblem));
        }
        return violations;
    }
}
