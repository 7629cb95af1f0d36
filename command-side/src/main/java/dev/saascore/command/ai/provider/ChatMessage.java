package dev.saascore.command.ai.provider;

/** One message of a chat: role {@code system}, {@code user}, {@code assistant} (or {@code developer}, {@code tool}). */
public record ChatMessage(String role, String content) {
}
