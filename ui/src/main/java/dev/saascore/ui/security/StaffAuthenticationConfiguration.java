package dev.saascore.ui.security;

import dev.saascore.ui.security.signin.SignInThrottle;
import dev.saascore.ui.security.signin.ThrottledAuthenticationProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing and staff authentication, for every role of a node: the sign-in form, the API's token
 * endpoint and the seeder all use them, also on nodes without views.
 */
@Configuration
class StaffAuthenticationConfiguration {

    /** BCrypt by default, with the {id} prefix so the algorithm can be upgraded later without a reset. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Checks the sign-in throttle first (a refused attempt never reaches the password), then the password,
     * and only then whether the person is deactivated or the tenant suspended, so neither answer is given
     * to someone who does not know the password (no account enumeration).
     */
    @Bean
    DaoAuthenticationProvider staffAuthentication(StaffAccounts accounts, PasswordEncoder encoder,
                                                  SignInThrottle throttle) {
        return staffAuthenticationWith(accounts, encoder, throttle);
    }

    /** The provider the bean above is, built from its parts (tests build one around a counting encoder). */
    static DaoAuthenticationProvider staffAuthenticationWith(StaffAccounts accounts, PasswordEncoder encoder,
                                                             SignInThrottle throttle) {
        DaoAuthenticationProvider provider =
                new ThrottledAuthenticationProvider(accounts::loadUserByUsername, throttle);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("This account is deactivated.");
            }
            if (!user.isAccountNonLocked()) {
                throw new LockedException("This organisation is suspended.");
            }
        });
        return provider;
    }
}
