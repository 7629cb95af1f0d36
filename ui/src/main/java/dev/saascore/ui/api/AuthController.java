package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.saascore.kernel.identity.RefreshTokenReuseDetected;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.ui.security.StaffAccounts;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.security.token.AccessTokens;
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

/**
 * Tokens for API clients: sign in with e-mail and password for a short-lived access token (JWT) and an
 * opaque refresh token; refresh rotates; logout ends the whole sign-in (the token family).
 */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                         long refreshExpiresIn) {
    }

    private final DaoAuthenticationProvider staffAuthentication;
    private final StaffAccounts accounts;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final EventGateway events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuthController(DaoAuthenticationProvider staffAuthentication, StaffAccounts accounts, AccessTokens accessTokens,
                   RefreshTokens refreshTokens, EventGateway events, TransactionTemplate transactions, Clock clock) {
        this.staffAuthentication = staffAuthentication;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostMapping("/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
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
                refreshTokens.lifetimeSeconds());
    }
}
