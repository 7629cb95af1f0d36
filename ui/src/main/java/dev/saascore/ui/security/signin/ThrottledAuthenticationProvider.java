package dev.saascore.ui.security.signin;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Spring's password check behind the sign-in throttle: an attempt the throttle refuses never reaches the
 * password; a wrong password or an unknown account (the same {@link BadCredentialsException} to the caller,
 * both checked against a hash) counts as a failure of the account and of the client address; a match clears
 * the account's failures. The client address is the request's (WebAuthenticationDetails), so attempts made
 * outside HTTP count per account only.
 *
 * <p>A subclass rather than a wrapper so that it stays the application's one {@code DaoAuthenticationProvider}:
 * Spring Security picks it up as the only provider, and whoever signs in through it is throttled.
 */
public class ThrottledAuthenticationProvider extends DaoAuthenticationProvider {

    private final SignInThrottle throttle;

    public ThrottledAuthenticationProvider(UserDetailsService accounts, SignInThrottle throttle) {
        super(accounts);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String email = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.check(email, address);
        Authentication signedIn;
        // other refusals (deactivated person, suspended organisation: answered only after a matching password)
        // count neither way
        try {
            signedIn = super.authenticate(attempt);
        } catch (BadCredentialsException wrongPasswordOrUnknownAccount) {
            throttle.recordFailure(email, address);
            throw wrongPasswordOrUnknownAccount;
        }
        throttle.recordSuccess(email);
        return signedIn;
    }
}
