package dev.saascore.command.ai.provider;

import java.util.List;

/**
 * A chat completion as the gateway asks a provider for it, after validation: the model is one the provider
 * serves, {@code maxTokens} is already capped by the gateway's ceiling.
 *
 * @param temperature null: the provider's default
 */
public record ChatRequest(String model, List<ChatMessage> messages, int maxTokens, Double temperature) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }
}
