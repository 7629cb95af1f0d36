package dev.saascore.command.ai.provider;

import dev.saascore.command.ai.tokens.TokenCounter;

import java.io.IOException;
import java.util.List;

/**
 * The built-in models: no network, no knowledge, the same answer to the same request. {@value #MINI} answers in a
 * few sentences, {@value #LARGE} at more length. Both calculate, count words, echo and summarise for real (see
 * {@link OfflineAnswers}), which makes them useful for demos and tests.
 * <p>
 * They behave like a real model towards the gateway: usage is exact (prompt tokens as {@link TokenCounter} counts
 * them, completion tokens of the answer), an answer longer than {@code maxTokens} is cut to exactly that many tokens
 * with finish reason {@code length}, and a stream sends the same answer a few tokens at a time. The temperature is
 * accepted and ignored: determinism is the point of these models.
 */
public final class OfflineProvider implements AiProvider {

    public static final String MINI = "offline-mini";
    public static final String LARGE = "offline-large";

    private static final int TOKENS_PER_CHUNK = 4;

    private final TokenCounter tokens;

    public OfflineProvider(TokenCounter tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<String> models() {
        return List.of(MINI, LARGE);
    }

    @Override
    public ChatCompletion complete(ChatRequest request) {
        if (!models().contains(request.model())) {
            throw new ProviderException(ProviderException.Kind.REJECTED,
                    "the offline provider has no model " + request.model());
        }
        if (request.maxTokens() < 1) {
            throw new ProviderException(ProviderException.Kind.REJECTED,
                    "max_tokens must be at least 1, not " + request.maxTokens());
        }
        String answer = new OfflineAnswers(request.model(), LARGE.equals(request.model())).answer(request.messages());
        int promptTokens = tokens.promptTokens(request.model(), request.messages());
        int answerTokens = tokens.textTokens(request.model(), answer);
        if (answerTokens > request.maxTokens()) {
            // like a real model, it stops after generating max_tokens tokens, and bills that many
            return new ChatCompletion(request.model(), tokens.truncate(request.model(), answer, request.maxTokens()),
                    "length", new ProviderUsage(promptTokens, request.maxTokens()));
        }
        return new ChatCompletion(request.model(), answer, "stop", new ProviderUsage(promptTokens, answerTokens));
    }

    @Override
    public ChatCompletion stream(ChatRequest request, DeltaSink sink) throws IOException {
        ChatCompletion completion = complete(request);
        for (String chunk : tokens.pieces(request.model(), completion.content(), TOKENS_PER_CHUNK)) {
            sink.accept(chunk);
        }
        return completion;
    }
}
