package dev.saascore.ui.security;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;

import java.time.Instant;
import java.util.Set;

/**
 * API keys as handed out: {@code sk_<8-character prefix>_<256 random bits>}. The prefix tells keys apart on
 * screen; only it and the SHA-256 hash of the whole key are stored, so the key is shown exactly once.
 */
public final class ApiKeySecrets {

    public static final String MARKER = "sk_";
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PREFIX_LENGTH = 8;

    private ApiKeySecrets() {
    }

    /** A freshly made key; {@link #key()} goes to the person once and nowhere else. */
    public record NewKey(String key, String prefix) {

        public String hash() {
            return SecretTokens.hash(key);
        }

        /** The command that stores this key (its hash and prefix, never the key). */
        public CreateApiKey command(TenantId tenantId, String name, Set<ApiScope> scopes, Instant expiresAt,
                                    Long monthlyTokenBudget) {
            return new CreateApiKey(ApiKeyId.random(), tenantId, name, scopes, expiresAt, monthlyTokenBudget, prefix,
                    hash());
        }

        @Override
        public String toString() {
            return "NewKey[prefix=" + prefix + "]";
        }
    }

    public static NewKey generate() {
        String prefix = SecretTokens.newCode(PREFIX_LENGTH, PREFIX_ALPHABET);
        return new NewKey(MARKER + prefix + "_" + SecretTokens.newToken(), prefix);
    }

    /** True for a bearer token that is an API key rather than a JWT (which never starts like this). */
    public static boolean isApiKey(String token) {
        return token != null && token.startsWith(MARKER);
    }

    /** How a key is shown once it is stored: its visible part only. */
    public static String displayed(String prefix) {
        return MARKER + prefix + "_…";
    }
}
