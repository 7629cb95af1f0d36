package dev.saascore.command.ai.gateway;

import dev.saascore.command.ai.provider.ChatMessage;

import java.util.List;

/**
 * A call as the API or the playground hands it over, not yet checked.
 *
 * @param maxTokens   null: the configured ceiling
 * @param temperature null: the provider's default
 */
public record AiPrompt(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature) {
}
