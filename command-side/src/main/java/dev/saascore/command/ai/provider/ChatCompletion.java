package dev.saascore.command.ai.provider;

/**
 * A provider's answer.
 *
 * @param finishReason {@code stop} or {@code length} (cut at max tokens), as OpenAI reports them
 * @param usage        null when the provider did not report usage (the gateway then counts with its tokenizer)
 */
public record ChatCompletion(String model, String content, String finishReason, ProviderUsage usage) {
}
