package dev.saascore.kernel.messaging;

import java.util.function.IntPredicate;

/**
 * What text may reach an event. PostgreSQL's {@code text} cannot hold NUL, and a lone UTF-16 surrogate has no
 * UTF-8 form at all: either one in an event would stop every projection that stores it, for every tenant. Names
 * and other one-line fields also refuse the other control characters (tabs, line breaks, escape codes), which
 * nobody means to put in a name and which garble lists and logs.
 */
public final class StorableText {

    public static final String UNSTORABLE = "Remove the invisible control characters; this text cannot be stored.";

    private StorableText() {
    }

    /** Returns {@link #UNSTORABLE} when PostgreSQL could not store the text, else null (also for null). */
    public static String problem(String value) {
        return check(value, c -> false);
    }

    /** Like {@link #problem}, and also refuses every other control character: for names, e-mail addresses … */
    public static String oneLineProblem(String value) {
        return check(value, Character::isISOControl);
    }

    /** Like {@link #problem} for text that may span lines (reasons): tabs and line breaks are fine. */
    public static String multiLineProblem(String value) {
        return check(value, c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    /** How many characters a person (and PostgreSQL) counts: an emoji is one, not two UTF-16 units. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static String check(String value, IntPredicate refusedControl) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000' || refusedControl.test(c)) {
                return UNSTORABLE;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return UNSTORABLE;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return UNSTORABLE;
            }
        }
        return null;
    }
}
