package dev.saascore.ui.security;

import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.signin.SignInThrottle;
import dev.saascore.ui.security.signin.SignInThrottledException;
import dev.saascore.ui.testsupport.TestInfrastructureEnvironment;
import dev.saascore.ui.views.ViewTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sign-in throttle inside the application: the real {@code staffAuthentication} provider, accounts read
 * through the query gateway, the real Redis. Shares the view tests' context (no context of its own).
 */
class SignInThrottleWiringTest extends ViewTestSupport {

    /** One onboarded owner for the whole class; each test starts with its failures cleared. */
    private static String ownerEmail;

    @Autowired SignInThrottle throttle;
    @Autowired StaffAccounts accounts;
    @Autowired StringRedisTemplate redis;

    @BeforeEach
    void anOwnerWithoutFailures() {
        if (ownerEmail == null) {
            OnboardTenant tenant = onboardTenant("Throttle Trading", uniqueSlug("throttle"));
            ownerEmail = tenant.ownerEmail();
        }
        throttle.unlock(ownerEmail);
    }

    @AfterEach
    void deleteThisRunsThrottleKeys() {
        Set<String> keys = redis.keys(TestInfrastructureEnvironment.SIGN_IN_KEY_PREFIX + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void anUnknownAccountAndAWrongPasswordGetTheSameExceptionAndMessage() {
        AuthenticationException wrongPassword = failureOf(signIn, ownerEmail, "not-the-password-1");
        AuthenticationException unknownAccount = failureOf(signIn, unknownEmail(), OWNER_PASSWORD);

        assertThat(wrongPassword).isInstanceOf(BadCredentialsException.class);
        assertThat(unknownAccount.getClass()).isEqualTo(wrongPassword.getClass());
        assertThat(unknownAccount.getMessage()).isEqualTo(wrongPassword.getMessage());
    }

    @Test
    void anUnknownAccountAndAWrongPasswordBothRunThePasswordEncoder() {
        CountingEncoder encoder = new CountingEncoder(passwords);
        AuthenticationProvider provider = StaffAuthenticationConfiguration.staffAuthenticationWith(accounts, encoder, throttle);

        failureOf(provider, ownerEmail, "not-the-password-1");
        assertThat(encoder.matches.getAndSet(0)).as("password checks for a wrong password").isEqualTo(1);

        failureOf(provider, unknownEmail(), OWNER_PASSWORD);
        assertThat(encoder.matches.getAndSet(0)).as("password checks for an unknown account").isEqualTo(1);
    }

    @Test
    void aLockedAccountIsRefusedBeforeItsPasswordIsCheckedUntilAnAdministratorUnlocksIt() {
        for (int failure = 1; failure <= 10; failure++) {
            throttle.recordFailure(ownerEmail, null);
        }
        CountingEncoder encoder = new CountingEncoder(passwords);
        AuthenticationProvider provider = StaffAuthenticationConfiguration.staffAuthenticationWith(accounts, encoder, throttle);

        assertThat(failureOf(provider, ownerEmail, OWNER_PASSWORD)).isInstanceOf(SignInThrottledException.class);
        assertThat(encoder.matches.get()).as("password checks while locked").isZero();
        assertThat(failureOf(signIn, ownerEmail, OWNER_PASSWORD)).isInstanceOf(SignInThrottledException.class)
                .hasMessage("Too many failed attempts. Try again in 15 minutes.");

        throttle.unlock(ownerEmail);

        assertThat(signIn.authenticate(attempt(ownerEmail, OWNER_PASSWORD, null)).isAuthenticated()).isTrue();
    }

    @Test
    void aWrongPasswordCountsForTheAccountAndTheRequestsAddressAndSuccessClearsOnlyTheAccount() {
        String address = "198.51.100.23";

        failureOf(signIn, ownerEmail, "not-the-password-1", address);
        assertThat(throttle.accountStanding(ownerEmail).failures()).isEqualTo(1);
        assertThat(throttle.addressStanding(address).failures()).isEqualTo(1);

        signIn.authenticate(attempt(ownerEmail, OWNER_PASSWORD, address));
        assertThat(throttle.accountStanding(ownerEmail).failures()).isZero();
        assertThat(throttle.addressStanding(address).failures()).isEqualTo(1);
    }

    @Test
    void anAddressWithTooManyFailuresIsRefusedForEveryAccountWhileOthersMaySignIn() {
        String address = "198.51.100.42";
        for (int guess = 1; guess <= 50; guess++) {
            throttle.recordFailure(unknownEmail(), address);
        }

        assertThat(failureOf(signIn, ownerEmail, OWNER_PASSWORD, address))
                .isInstanceOf(SignInThrottledException.class);
        assertThat(signIn.authenticate(attempt(ownerEmail, OWNER_PASSWORD, "198.51.100.43")).isAuthenticated())
                .isTrue();
    }

    private static String unknownEmail() {
        return "nobody-" + UUID.randomUUID() + "@owner.test";
    }

    private static AuthenticationException failureOf(AuthenticationProvider provider, String email, String password) {
        return failureOf(provider, email, password, null);
    }

    private static AuthenticationException failureOf(AuthenticationProvider provider, String email, String password,
                                                     String address) {
        AuthenticationException failure = catchThrowableOfType(AuthenticationException.class,
                () -> provider.authenticate(attempt(email, password, address)));
        assertThat(failure).as("a failed sign-in of " + email).isNotNull();
        return failure;
    }

    /** What the form login hands the provider: the request's address in WebAuthenticationDetails. */
    private static Authentication attempt(String email, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        if (address != null) {
            token.setDetails(new WebAuthenticationDetails(address, null));
        }
        return token;
    }

    /** The application's encoder, counting how often a password is compared with a hash. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder real;
        private final AtomicInteger matches = new AtomicInteger();

        CountingEncoder(PasswordEncoder real) {
            this.real = real;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return real.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            matches.incrementAndGet();
            return real.matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return real.upgradeEncoding(encodedPassword);
        }
    }
}
