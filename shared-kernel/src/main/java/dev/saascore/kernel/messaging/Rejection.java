package dev.saascore.kernel.messaging;

import java.util.List;

/**
 * Why a command or query was refused. Travels as the details of Axon's
 * {@code CommandExecutionException}/{@code QueryExecutionException}, locally and through Axon Server alike.
 *
 * @param code       stable machine-readable reason, e.g. {@code invalid-input}, {@code slug-taken}
 * @param message    a sentence for people
 * @param violations per-field problems (empty when the refusal is not about a field)
 */
public record Rejection(String code, String message, List<FieldViolation> violations) {

    public static final String INVALID_INPUT = "invalid-input";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";

    public Rejection {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static Rejection of(String code, String message) {
        return new Rejection(code, message, List.of());
    }
}
