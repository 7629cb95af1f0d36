package dev.saascore.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import dev.saascore.ui.security.signin.SignInThrottle;
import dev.saascore.ui.security.signin.ThrottledAuthenticationProvider;
import dev.saascore.ui.views.LoginView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Form sign-in for staff through the Vaadin login view; Vaadin's defaults protect every other route. */
@Configuration
@EnableWebSecurity
@ConditionalOnProperty(name = "saas.roles.ui", havingValue = "true", matchIfMissing = true)
class SecurityConfiguration extends VaadinWebSecurity {

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class);
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
