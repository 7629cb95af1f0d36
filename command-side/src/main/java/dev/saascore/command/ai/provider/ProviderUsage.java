package dev.saascore.command.ai.provider;

/** Token usage as the provider reported it. */
public record ProviderUsage(long promptTokens, long completionTokens) {
}
