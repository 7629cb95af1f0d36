package dev.saascore.ui.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.identity.RefreshTokenReuseDetected;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.ui.security.StaffAccounts;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.security.token.AccessTokens;
import dev.saascore.ui.security.token.ApiKeyAuthentication;
import dev.saascore.ui.security.token.RefreshTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokens for API clients: sign in with e-mail and password for a short-lived access token (JWT) and an
 * opaque refresh token; refresh rotates; logout ends the whole sign-in (the token family). An API key can be
 * exchanged for an access token too (no refresh token: the key itself is the long-lived credential).
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    /** Either {@code email} and {@code password}, or {@code api_key}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenRequest(@Email @Size(max = 254) String email, @Size(max = 128) String password,
                        @Size(max = 200) String apiKey) {
        @Override
        public String toString() {
            return "TokenRequest[<redacted>]";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[<redacted>]";
        }
    }

    /** {@code refresh_token} and {@code refresh_expires_in} for staff, {@code scope} for an exchanged API key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                         Long refreshExpiresIn, String scope) {
    }

    private final DaoAuthenticationProvider staffAuthentication;
    private final ApiKeyAuthentication apiKeys;
    private final StaffAccounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final EventGateway events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuthController(DaoAuthenticationProvider staffAuthentication, ApiKeyAuthentication apiKeys, StaffAccounts accounts,
                   AccessTokens accessTokens, RefreshTokens refreshTokens, EventGateway events,
                   TransactionTemplate transactions, Clock clock) {
        this.staffAuthentication = staffAuthentication;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostMapping("/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        if (request.apiKey() != null) {
            return exchange(request);
        }
        List<FieldViolation> missing = new ArrayList<>();
        if (isBlank(request.email())) {
            missing.add(new FieldViolation("email", "must not be blank (or give api_key instead)"));
        }
        if (isBlank(request.password())) {
            missing.add(new FieldViolation("password", "must not be blank (or give api_key instead)"));
        }
        if (missing.size() == 2) {
            missing.add(new FieldViolation("api_key", "must not be blank (or give email and password instead)"));
        }
        if (!missing.isEmpty()) {
            throw new ApiProblems.BadInput(missing);
        }
        UsernamePasswordAuthenticationToken attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(request.email(), request.password());
        attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(http));
        StaffPrincipal principal = (StaffPrincipal) staffAuthentication.authenticate(attempt).getPrincipal();
        return tokens(principal.caller(), refreshTokens.issue(principal.account()));
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        RefreshTokens.Outcome outcome = transactions.execute(status -> refreshTokens.rotate(request.refreshToken()));
        if (outcome instanceof RefreshTokens.Rotated rotated) {
            var account = accounts.account(rotated.email())
                    .filter(found -> found.active() && found.tenantActive() && found.userId().equals(rotated.userId()));
            if (account.isEmpty()) {
                refreshTokens.revokeFamily(rotated.familyId());
                throw new BadCredentialsException("This account can no longer sign in.");
            }
            return tokens(new StaffPrincipal(account.get()).caller(), rotated.newToken());
        }
        if (outcome instanceof RefreshTokens.Reused reused) {
            transactions.executeWithoutResult(status -> {
                refreshTokens.revokeFamily(reused.familyId());
                events.publish(new RefreshTokenReuseDetected(reused.tenantId(), reused.userId(), reused.familyId(),
                        clock.instant()));
            });
            throw new BadCredentialsException(
                    "This refresh token was already used. Every session of this sign-in has been ended; sign in again.");
        }
        throw new BadCredentialsException("The refresh token is invalid or expired.");
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        refreshTokens.familyOf(request.refreshToken()).ifPresent(refreshTokens::revokeFamily);
    }

    private TokenResponse tokens(Caller caller, String refreshToken) {
        return new TokenResponse(accessTokens.issue(caller), "Bearer", accessTokens.lifetimeSeconds(), refreshToken,
                (long) refreshTokens.lifetimeSeconds(), null);
    }

    /** An access token for the key's tenant and scopes, no longer valid than the key (sub {@code apikey:<id>}). */
    private TokenResponse exchange(TokenRequest request) {
        if (request.email() != null || request.password() != null) {
            throw new ApiProblems.BadInput("api_key", "give either api_key, or email and password, not both");
        }
        if (request.apiKey().isBlank()) {
            throw new ApiProblems.BadInput("api_key", "must not be blank");
        }
        ApiKeyAccount account = apiKeys.account(request.apiKey());
        AccessTokens.Issued issued = accessTokens.issue(ApiKeyAuthentication.caller(account), account.scopes(),
                account.expiresAt());
        return new TokenResponse(issued.token(), "Bearer", issued.expiresInSeconds(), null, null,
                AccessTokens.scopeClaim(account.scopes()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
