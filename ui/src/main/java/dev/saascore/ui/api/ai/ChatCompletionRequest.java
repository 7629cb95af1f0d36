package dev.saascore.ui.api.ai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions} as OpenAI clients send it. Fields we do not use (tools, logprobs,
 * user …) are ignored, as OpenAI-compatible servers commonly do; {@code max_completion_tokens} is the newer name
 * of {@code max_tokens}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionRequest(
        String model,
        List<Message> messages,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Double temperature,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Integer n) {

    /** @param content a string, or a list of parts of which only {@code text} parts are supported */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, JsonNode content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    boolean usageInStream() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
