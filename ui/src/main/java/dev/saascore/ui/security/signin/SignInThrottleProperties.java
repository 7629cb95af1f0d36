package dev.saascore.ui.security.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * How sign-in failures slow down and then lock an account or a client address ({@code saas.sign-in.throttle.*};
 * the defaults are in {@code application.yml} and the README's configuration table).
 *
 * @param keyPrefix    prefix of every Redis key the throttle writes
 * @param window       failures further apart than this from the first one of a series are forgotten
 * @param firstDelay   wait after the {@code slowDownAfter}-th failure; it doubles with every further failure
 * @param maxDelay     the longest wait before the lock
 * @param lockDuration how long a lock lasts once {@code lockAfter} failures are reached; the count starts over
 *                     after it
 * @param account      limits per account (normalised e-mail address, known or not)
 * @param address      limits per client address (IPv6 addresses count per /64 network)
 */
@ConfigurationProperties("saas.sign-in.throttle")
public record SignInThrottleProperties(
        String keyPrefix,
        Duration window,
        Duration firstDelay,
        Duration maxDelay,
        Duration lockDuration,
        Limits account,
        Limits address) {

    public SignInThrottleProperties {
        Objects.requireNonNull(keyPrefix, "saas.sign-in.throttle.key-prefix");
        positive(window, "window");
        positive(firstDelay, "first-delay");
        positive(maxDelay, "max-delay");
        positive(lockDuration, "lock-duration");
        Objects.requireNonNull(account, "saas.sign-in.throttle.account");
        Objects.requireNonNull(address, "saas.sign-in.throttle.address");
    }

    /**
     * @param slowDownAfter failures after which every further attempt waits (first-delay, doubling)
     * @param lockAfter     failures after which the account or address is locked for lock-duration
     */
    public record Limits(int slowDownAfter, int lockAfter) {

        public Limits {
            if (slowDownAfter < 1 || lockAfter < slowDownAfter) {
                throw new IllegalArgumentException("sign-in throttle limits need 1 <= slow-down-after <= lock-after, "
                        + "not " + slowDownAfter + " and " + lockAfter);
            }
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("saas.sign-in.throttle." + name + " must be a positive duration");
        }
    }
}
