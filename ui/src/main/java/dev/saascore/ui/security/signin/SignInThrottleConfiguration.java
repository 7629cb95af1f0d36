package dev.saascore.ui.security.signin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;

/** The sign-in throttle, where staff sign in (the UI role). */
@Configuration
@EnableConfigurationProperties(SignInThrottleProperties.class)
@ConditionalOnProperty(name = "saas.roles.ui", havingValue = "true", matchIfMissing = true)
class SignInThrottleConfiguration {

    @Bean
    SignInThrottle signInThrottle(StringRedisTemplate redis, SignInThrottleProperties settings) {
        return new SignInThrottle(redis, settings, Clock.systemUTC());
    }
}
