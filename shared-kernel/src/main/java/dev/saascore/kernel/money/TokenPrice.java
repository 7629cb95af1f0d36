package dev.saascore.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A price in KWD per 1,000 tokens, with up to six decimals (unit prices may be finer than fils). The cost of a
 * call is kept exact at six decimals; it becomes {@link Money} (rounded to fils) only on an invoice line.
 */
public record TokenPrice(BigDecimal kwdPerThousandTokens) {

    public static final int SCALE = 6;
    public static final TokenPrice FREE = new TokenPrice(BigDecimal.ZERO);

    public TokenPrice {
        Objects.requireNonNull(kwdPerThousandTokens, "kwdPerThousandTokens");
        if (kwdPerThousandTokens.signum() < 0) {
            throw new IllegalArgumentException("A token price must not be negative");
        }
        if (kwdPerThousandTokens.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException("A token price has at most 6 decimals: " + kwdPerThousandTokens);
        }
        kwdPerThousandTokens = kwdPerThousandTokens.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static TokenPrice of(String kwdPerThousandTokens) {
        return new TokenPrice(new BigDecimal(kwdPerThousandTokens));
    }

    /** The exact cost of that many tokens, at six decimals (rounded half up below a micro-dinar). */
    public BigDecimal costOf(long tokens) {
        return kwdPerThousandTokens.multiply(BigDecimal.valueOf(tokens))
                .divide(BigDecimal.valueOf(1000), SCALE, RoundingMode.HALF_UP);
    }
}
