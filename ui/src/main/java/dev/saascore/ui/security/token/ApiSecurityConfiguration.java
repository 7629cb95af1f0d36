package dev.saascore.ui.security.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.ui.security.ApiKeySecrets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The REST API is an OAuth2 resource server: stateless, bearer tokens only. It accepts our own ES256 access
 * tokens (issuer, audience, expiry and signature checked, keys from {@link SigningKeys}), tenant API keys
 * ({@link ApiKeyAuthentication}) and, when configured, tokens of an external OpenID Connect issuer. Failures
 * answer problem+json.
 */
@Configuration
@EnableConfigurationProperties(TokenSettings.class)
public class ApiSecurityConfiguration {

    private static final String BEARER = "Bearer ";
    /** Every staff role, tenant or platform: what API keys (which have no roles) never hold. */
    private static final String[] STAFF_ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
    /** Who may call the AI gateway: staff who do the organisation's work (not auditors or finance), and keys. */
    private static final String[] AI_CALLERS = {"ROLE_" + Role.OWNER, "ROLE_" + Role.ADMIN, "ROLE_" + Role.MEMBER,
            CallerAuthentication.SCOPE_AUTHORITY_PREFIX + ApiScope.AI_INVOKE.wireName()};

    @Bean
    @Order(1)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManagerResolver<HttpServletRequest> bearerTokens,
                                    ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/**", "/.well-known/**", "/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Fail closed for API keys and other role-less callers: everything needs a staff role except what is
                // opened here explicitly (for keys: by the SCOPE_ authority an endpoint needs).
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/auth/**", "/.well-known/**").permitAll()
                        .requestMatchers("/api/me").authenticated()
                        // the OpenAI-compatible AI endpoint: staff who may use AI, and keys with ai:invoke
                        .requestMatchers("/v1/**").hasAnyAuthority(AI_CALLERS)
                        .requestMatchers("/api/platform/**").hasRole(Role.PLATFORM_ADMIN.name())
                        .anyRequest().hasAnyRole(STAFF_ROLES))
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(bearerTokens)
                        .authenticationEntryPoint((request, response, failure) -> writeProblem(json, response,
                                HttpStatus.UNAUTHORIZED, "Unauthorized",
                                "A valid bearer token is required: " + failure.getMessage()))
                        .accessDeniedHandler((request, response, denied) -> writeProblem(json, response,
                                HttpStatus.FORBIDDEN, "Forbidden", "Your role or the API key's scopes do not allow this.")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, failure) ->
                        writeProblem(json, response, HttpStatus.UNAUTHORIZED, "Unauthorized", "A bearer token is required.")))
                .build();
    }

    /**
     * No observations around every security filter, authentication and authorisation: even switched off by
     * property they stayed no-op observations wrapped around each filter, per request (benchmark P3). Requests are
     * still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Picks the verifier: an API key ({@code Bearer sk_…}) goes to {@link ApiKeyAuthentication}; a JWT goes by its
     * issuer to ours or to the configured external OIDC issuer.
     */
    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bearerTokens(
            TokenSettings settings, SigningKeys keys, ApiKeyAuthentication apiKeys,
            @Value("${saas.oidc.issuer-uri:}") String externalIssuer,
            @Value("${saas.oidc.tenant-claim:tenant_id}") String externalTenantClaim,
            @Value("${saas.oidc.roles-claim:roles}") String externalRolesClaim) {
        AuthenticationManager ours = manager(ourDecoder(settings, keys), AccessTokens.TENANT_CLAIM, AccessTokens.ROLES_CLAIM);
        Supplier<AuthenticationManager> external = externalIssuer.isBlank() ? null : memoize(() ->
                manager(JwtDecoders.fromIssuerLocation(externalIssuer), externalTenantClaim, externalRolesClaim));
        AuthenticationManagerResolver<HttpServletRequest> jwts = new JwtIssuerAuthenticationManagerResolver(issuer -> {
            if (issuer.equals(settings.issuer())) {
                return ours;
            }
            return external != null && issuer.equals(externalIssuer) ? external.get() : null;
        });
        return request -> presentsApiKey(request) ? apiKeys : jwts.resolve(request);
    }

    private static boolean presentsApiKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && ApiKeySecrets.isApiKey(authorization.substring(BEARER.length()).stripLeading());
    }

    static JwtDecoder ourDecoder(TokenSettings settings, SigningKeys keys) {
        // only ES256 verifies: "none", HS256 (e.g. keyed with our public key) and unknown kids are refused
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys.verificationSource()));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });  // the validators below check the claims
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()), audience(settings.audience())));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String expected) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(expected)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is not for this API", null));
    }

    /**
     * Turns a verified JWT into the platform's caller: subject, tenant claim and known roles, plus the known API
     * scopes of its {@code scope} claim (tokens exchanged for an API key carry scopes and no roles).
     */
    private static AuthenticationManager manager(JwtDecoder decoder, String tenantClaim, String rolesClaim) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> new CallerAuthentication(new Caller(jwt.getSubject(),
                jwt.hasClaim(tenantClaim) ? TenantId.of(jwt.getClaimAsString(tenantClaim)) : null,
                roles(jwt.getClaim(rolesClaim))), jwt.getTokenValue(), scopes(jwt.getClaim(AccessTokens.SCOPE_CLAIM))));
        return new ProviderManager(provider);
    }

    private static Set<Role> roles(Object claim) {
        Set<String> known = Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toSet());
        return names(claim).filter(known::contains).map(Role::valueOf).collect(Collectors.toSet());
    }

    private static Set<ApiScope> scopes(Object claim) {
        return names(claim).map(ApiScope::fromWireName).flatMap(Optional::stream).collect(Collectors.toSet());
    }

    /** A claim holding names as a JSON list or as one space (or comma) separated string. */
    private static Stream<String> names(Object claim) {
        Collection<?> names = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? Arrays.asList(text.split("[ ,]+")) : List.of();
        return names.stream().map(String::valueOf);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    static void writeProblem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String title,
                             String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
