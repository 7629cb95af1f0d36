package dev.saascore.ui.security.signin;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/**
 * A sign-in attempt refused before its password was checked, because the account or the client address
 * failed too often. Its message says how long to wait; it reads the same whether the account exists or not.
 * (Not a {@link org.springframework.security.authentication.LockedException}: that one means a suspended
 * organisation.)
 */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("Too many failed attempts. Try again in " + inWords(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    /** How long from the refusal until the next attempt is let through to the password check. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Seconds below a minute, else whole minutes, both rounded up so that waiting that long is enough. */
    static String inWords(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
