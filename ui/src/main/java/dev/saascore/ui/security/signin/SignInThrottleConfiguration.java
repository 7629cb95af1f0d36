package dev.saascore.ui.security.signin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/** The sign-in throttle, for the sign-in form and the API token endpoint alike. */
@Configuration
@EnableConfigurationProperties(SignInThrottleProperties.class)
class SignInThrottleConfiguration {

    @Bean
    SignInThrottle signInThrottle(StringRedisTemplate redis, SignInThrottleProperties settings) {
        return new SignInThrottle(redis, settings, Clock.systemUTC());
    }
}
