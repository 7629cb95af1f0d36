package dev.saascore.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount of money as it appears on invoices and in read models: Kuwaiti dinar with exactly three decimals
 * (1 KWD = 1,000 fils). Never a double. {@link #of} refuses what an invoice cannot hold (more than three
 * decimals, more than 999,999,999.999); {@link #roundedFrom} is the one place where an exact amount (such as a
 * sum of per-token costs) becomes money, rounding half up once.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public static final String KWD = "KWD";
    public static final int SCALE = 3;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final BigDecimal MAX = new BigDecimal("999999999.999");
    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(SCALE), KWD);

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (!KWD.equals(currency)) {
            throw new IllegalArgumentException("Only KWD is supported, not " + currency);
        }
        Optional<String> problem = problem(amount);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Exact dinars, e.g. {@code Money.of("12.345")}; throws on bad input (see {@link #problem}). */
    public static Money of(String dinars) {
        return new Money(new BigDecimal(dinars), KWD);
    }

    /** Rounds an exact amount (any scale) to fils, half up: used once per line, never per token. */
    public static Money roundedFrom(BigDecimal exactDinars) {
        return new Money(exactDinars.setScale(SCALE, ROUNDING), KWD);
    }

    /** Why an amount cannot be money (negative, over three decimals, too large), or empty when it can. */
    public static Optional<String> problem(BigDecimal amount) {
        if (amount.signum() < 0) {
            return Optional.of("must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            return Optional.of("must have at most 3 decimals (fils)");
        }
        if (amount.compareTo(MAX) > 0) {
            return Optional.of("must not exceed 999,999,999.999");
        }
        return Optional.empty();
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount), currency);
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
