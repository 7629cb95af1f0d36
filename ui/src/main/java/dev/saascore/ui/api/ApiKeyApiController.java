package dev.saascore.ui.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyList;
import dev.saascore.kernel.apikey.ApiKeySummary;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.ListApiKeys;
import dev.saascore.kernel.apikey.RevokeApiKey;
import dev.saascore.ui.security.ApiKeySecrets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A tenant's API keys over the API, for its owners and admins (staff only: the security chain keeps API keys
 * out; the caller guard checks tenant and role). The key is in the creation's response and nowhere else.
 */
@RestController
@RequestMapping("/api/tenants/{tenantId}/api-keys")
class ApiKeyApiController {

    /** Field names, checks and messages are the platform's ({@code ApiKeyRules}), so they match the UI's. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyRequest(String name, List<String> scopes, Instant expiresAt, Long monthlyTokenBudget) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RevokeRequest(String reason) {
    }

    /** A key as listed; {@code api_key} only in the answer to its creation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Key(String keyId, String name, String prefix, List<String> scopes, Instant expiresAt,
               Long monthlyTokenBudget, String status, Instant createdAt, Instant revokedAt, String revokedReason,
               String apiKey) {
        @Override
        public String toString() {
            return "Key[keyId=" + keyId + ", prefix=" + prefix + "]";
        }
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    ApiKeyApiController(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Key create(@PathVariable UUID tenantId, @RequestBody KeyRequest request) {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        CreateApiKey command = key.command(new TenantId(tenantId), request.name(), scopes(request.scopes()),
                request.expiresAt(), request.monthlyTokenBudget());
        commands.sendAndWait(command);
        return new Key(command.keyId().toString(), command.name().strip(), command.prefix(), wireNames(command.scopes()),
                command.expiresAt(), command.monthlyTokenBudget(), ApiKeySummary.Status.ACTIVE.name(), clock.instant(),
                null, null, key.key());
    }

    @GetMapping
    List<Key> list(@PathVariable UUID tenantId) {
        Instant now = clock.instant();
        return queries.query(new ListApiKeys(new TenantId(tenantId)), ApiKeyList.class).join().keys().stream()
                .map(key -> new Key(key.keyId().toString(), key.name(), key.prefix(), wireNames(key.scopes()),
                        key.expiresAt(), key.monthlyTokenBudget(), key.status(now).name(), key.createdAt(),
                        key.revokedAt(), key.revokedReason(), null))
                .toList();
    }

    /** Revokes at once: the next request with the key is refused. */
    @PostMapping("/{keyId}/revoke")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID tenantId, @PathVariable UUID keyId, @RequestBody RevokeRequest request) {
        commands.sendAndWait(new RevokeApiKey(new ApiKeyId(keyId), new TenantId(tenantId), request.reason()));
    }

    private static Set<ApiScope> scopes(List<String> wireNames) {
        if (wireNames == null) {
            return Set.of();
        }
        List<String> unknown = wireNames.stream().filter(name -> ApiScope.fromWireName(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new ApiProblems.BadInput("scopes", "unknown scope " + unknown + "; known: "
                    + Arrays.stream(ApiScope.values()).map(ApiScope::wireName).collect(Collectors.joining(", ")));
        }
        return ApiScope.setOf(wireNames.stream().map(name -> ApiScope.fromWireName(name).orElseThrow()).toList());
    }

    private static List<String> wireNames(Set<ApiScope> scopes) {
        return ApiScope.setOf(scopes).stream().map(ApiScope::wireName).toList();
    }
}
