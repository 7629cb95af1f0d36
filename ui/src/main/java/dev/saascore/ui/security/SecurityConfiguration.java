package dev.saascore.ui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import dev.saascore.ui.views.LoginView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

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
}
