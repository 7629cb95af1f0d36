package dev.saascore.ui.security.token;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings of the API's own tokens ({@code saas.tokens.*}, see README's configuration table). */
@ConfigurationProperties("saas.tokens")
public record TokenSettings(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl,
                            Duration keyRotation, String keyEncryptionSecret) {
}
