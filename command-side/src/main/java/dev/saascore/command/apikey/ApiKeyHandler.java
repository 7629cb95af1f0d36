package dev.saascore.command.apikey;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.command.tenant.TenantRegistry;
import dev.saascore.kernel.apikey.ApiKeyRules;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.RevokeApiKey;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.TenantRules;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Creating a key stores its hash in the global key table (unique across the platform) before the aggregate
 * exists, and revoking looks the key up there first, so an unknown key and another tenant's key get the same
 * "not found". Everything runs in the command's transaction: a refusal writes nothing.
 */
@Component
public class ApiKeyHandler {

    private final Repository<ApiKey> apiKeys;
    private final ApiKeys keys;
    private final TenantRegistry tenants;

    public ApiKeyHandler(Repository<ApiKey> apiKeys, ApiKeys keys, TenantRegistry tenants) {
        this.apiKeys = apiKeys;
        this.keys = keys;
        this.tenants = tenants;
    }

    @CommandHandler
    public void handle(CreateApiKey command) throws Exception {
        List<FieldViolation> violations = new ArrayList<>(ApiKeyRules.creation(command.name(), command.scopes(),
                command.expiresAt(), command.monthlyTokenBudget(), GenericEventMessage.clock.instant()));
        if (command.keyId() == null || isBlank(command.prefix()) || isBlank(command.secretHash())) {
            violations.add(new FieldViolation("key", "The key is incomplete."));
        }
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        if (!tenants.isRegistered(command.tenantId())) {
            throw Rejections.refuse(Rejection.of(Rejection.NOT_FOUND, "No such tenant."));
        }
        if (!keys.add(command)) {
            throw Rejections.conflict("This key's id or prefix is already taken. Create the key again.");
        }
        apiKeys.newInstance(() -> new ApiKey(command));
    }

    @CommandHandler
    public void handle(RevokeApiKey command) {
        List<FieldViolation> violations = TenantRules.reason(command.reason());
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        keys.tenantOf(command.keyId()).filter(command.tenantId()::equals).orElseThrow(ApiKeyHandler::notFound);
        apiKeys.load(command.keyId().toString()).execute(key -> key.revoke(command));
    }

    static CommandExecutionException notFound() {
        return Rejections.refuse(Rejection.of(Rejection.NOT_FOUND, "No such API key."));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
