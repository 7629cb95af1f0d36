package dev.saascore.kernel.tenant;

import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.StorableText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input rules for tenants, shared by the aggregate (the authority) and the forms (early feedback),
 * so both always say the same thing.
 */
public final class TenantRules {

    public static final int NAME_MAX = 100;
    public static final int SLUG_MIN = 3;
    public static final int SLUG_MAX = 40;
    public static final int EMAIL_MAX = 254;
    public static final int REASON_MAX = 500;
    public static final int PASSWORD_MIN = 12;
    public static final int PASSWORD_MAX = 128;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    // Pragmatic address check: one @, no spaces, a dot in the domain. Delivery proves the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private TenantRules() {
    }

    public static List<FieldViolation> onboarding(String name, String slug, String ownerName, String ownerEmail) {
        List<FieldViolation> violations = new ArrayList<>();
        name(violations, "name", name);
        slug(violations, slug);
        name(violations, "ownerName", ownerName);
        email(violations, "ownerEmail", ownerEmail);
        return violations;
    }

    public static List<FieldViolation> reason(String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        if (isBlank(reason)) {
            violations.add(new FieldViolation("reason", "A reason is required."));
        } else if (StorableText.length(reason) > REASON_MAX) {
            violations.add(new FieldViolation("reason", "The reason is longer than " + REASON_MAX + " characters."));
        } else {
            add(violations, "reason", StorableText.multiLineProblem(reason));
        }
        return violations;
    }

    /** Returns the problem with a chosen initial password, or null when it is acceptable. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < PASSWORD_MIN) {
            return "The password needs at least " + PASSWORD_MIN + " characters.";
        }
        if (password.length() > PASSWORD_MAX) {
            return "The password is longer than " + PASSWORD_MAX + " characters.";
        }
        return null;
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the problem with a required name of at most {@link #NAME_MAX} characters, or null. */
    public static String nameProblem(String value) {
        if (isBlank(value)) {
            return "This field is required.";
        }
        return StorableText.length(value.strip()) > NAME_MAX ? "Use at most " + NAME_MAX + " characters."
                : StorableText.oneLineProblem(value);
    }

    /** Returns the problem with a required e-mail address, or null. */
    public static String emailProblem(String email) {
        if (isBlank(email)) {
            return "This field is required.";
        }
        return email.length() > EMAIL_MAX || !EMAIL.matcher(email.strip()).matches()
                || StorableText.oneLineProblem(email) != null ? "Enter a valid e-mail address." : null;
    }

    private static void name(List<FieldViolation> violations, String field, String value) {
        add(violations, field, nameProblem(value));
    }

    private static void slug(List<FieldViolation> violations, String slug) {
        if (isBlank(slug)) {
            violations.add(new FieldViolation("slug", "This field is required."));
        } else if (slug.length() < SLUG_MIN || slug.length() > SLUG_MAX) {
            violations.add(new FieldViolation("slug", "Use " + SLUG_MIN + " to " + SLUG_MAX + " characters."));
        } else if (!SLUG.matcher(slug).matches()) {
            violations.add(new FieldViolation("slug",
                    "Use lower-case letters, digits and inner hyphens only (e.g. acme-kw)."));
        }
    }

    private static void email(List<FieldViolation> violations, String field, String email) {
        add(violations, field, emailProblem(email));
    }

    private static void add(List<FieldViolation> violations, String field, String problem) {
        if (problem != null) {
            violations.add(new FieldViolation(field, problem));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
