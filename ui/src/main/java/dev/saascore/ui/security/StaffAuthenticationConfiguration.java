package dev.saascore.ui.security;

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
     * Checks the password first and only then whether the person is deactivated or the tenant suspended,
     * so neither answer is given to someone who does not know the password (no account enumeration).
     */
    @Bean
    DaoAuthenticationProvider staffAuthentication(StaffAccounts accounts, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts::loadUserByUsername);
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
