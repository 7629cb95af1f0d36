package dev.saascore.command.ai.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The OpenAI-compatible upstream ({@code saas.ai.upstream.*}). The offline models are always there; the upstream
 * joins them when a base URL is set.
 *
 * @param baseUrl        e.g. {@code https://api.openai.com/v1}; requests go to {@code {baseUrl}/chat/completions}.
 *                       Empty: no upstream
 * @param apiKey         sent as a bearer token (the application takes it from {@code AI_API_KEY}); empty: no
 *                       Authorization header, for local servers
 * @param models         the upstream models callers may use (an allow-list; nothing else is forwarded)
 * @param connectTimeout to open a connection
 * @param requestTimeout a plain call must be answered completely within it; a stream must send its headers and then
 *                       each further piece of data within it (an idle timeout, no limit on the whole stream)
 * @param maxAttempts    tries per call, the first included, on 429, 500, 502, 503, 504 and connection failures
 * @param initialBackoff wait before the second try; it doubles with each further try (half of it random jitter)
 * @param maxBackoff     the longest wait between tries, also for the upstream's {@code Retry-After}
 * @param maxTokensParameter the request field that carries the completion cap: {@value #MAX_TOKENS} (what
 *                       OpenAI-compatible servers such as vLLM and Ollama read) or {@value #MAX_COMPLETION_TOKENS}
 *                       (what OpenAI's reasoning models require: they refuse {@code max_tokens})
 */
@ConfigurationProperties("saas.ai.upstream")
public record AiProviderProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue List<String> models,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("120s") Duration requestTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("8s") Duration maxBackoff,
        @DefaultValue(AiProviderProperties.MAX_TOKENS) String maxTokensParameter) {

    public static final String MAX_TOKENS = "max_tokens";
    public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    public AiProviderProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        apiKey = apiKey == null ? "" : apiKey.strip();
        models = models == null ? List.of() : models.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        positive(connectTimeout, "connect-timeout");
        positive(requestTimeout, "request-timeout");
        positive(initialBackoff, "initial-backoff");
        positive(maxBackoff, "max-backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("saas.ai.upstream.max-attempts must be at least 1, not " + maxAttempts);
        }
        maxTokensParameter = maxTokensParameter == null ? MAX_TOKENS : maxTokensParameter.strip();
        if (!maxTokensParameter.equals(MAX_TOKENS) && !maxTokensParameter.equals(MAX_COMPLETION_TOKENS)) {
            throw new IllegalArgumentException("saas.ai.upstream.max-tokens-parameter must be " + MAX_TOKENS + " or "
                    + MAX_COMPLETION_TOKENS + ", not '" + maxTokensParameter + "'");
        }
        if (!baseUrl.isEmpty() && models.isEmpty()) {
            throw new IllegalArgumentException("saas.ai.upstream.base-url is set but saas.ai.upstream.models is empty: "
                    + "list the upstream models callers may use");
        }
    }

    public boolean upstreamEnabled() {
        return !baseUrl.isEmpty();
    }

    /** Without the key: this record ends up in logs and error messages. */
    @Override
    public String toString() {
        return "AiProviderProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                + ", models=" + models + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", maxTokensParameter=" + maxTokensParameter + "]";
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("saas.ai.upstream." + name + " must be a positive duration");
        }
    }
}
