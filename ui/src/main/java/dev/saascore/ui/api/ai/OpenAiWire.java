package dev.saascore.ui.api.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saascore.command.ai.gateway.AiAnswer;

import java.util.List;
import java.util.UUID;

/** The OpenAI response shapes: completion, stream chunk, model list. */
final class OpenAiWire {

    private final ObjectMapper json;

    OpenAiWire(ObjectMapper json) {
        this.json = json;
    }

    static String completionId(UUID requestId) {
        return "chatcmpl-" + requestId;
    }

    ObjectNode completion(AiAnswer answer, long created) {
        ObjectNode body = envelope(answer.requestId(), "chat.completion", created, answer.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer.content());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        body.set("usage", usage(answer));
        return body;
    }

    /** A chunk with a piece of the answer (the first one also names the role). */
    ObjectNode delta(UUID requestId, String model, long created, String text, boolean first, boolean withUsageField) {
        ObjectNode chunk = envelope(requestId, "chat.completion.chunk", created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
        }
        delta.put("content", text);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (withUsageField) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    ObjectNode finish(AiAnswer answer, long created, boolean withUsageField) {
        ObjectNode chunk = envelope(answer.requestId(), "chat.completion.chunk", created, answer.model());
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        if (withUsageField) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    /** The last chunk when {@code stream_options.include_usage} is set: no choices, the usage. */
    ObjectNode usageChunk(AiAnswer answer, long created) {
        ObjectNode chunk = envelope(answer.requestId(), "chat.completion.chunk", created, answer.model());
        chunk.putArray("choices");
        chunk.set("usage", usage(answer));
        return chunk;
    }

    ObjectNode streamError(String message, String type) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        return body;
    }

    ObjectNode models(List<String> ids, long created) {
        ObjectNode body = json.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        ids.forEach(id -> data.addObject().put("id", id).put("object", "model").put("created", created)
                .put("owned_by", "saas-core"));
        return body;
    }

    private ObjectNode envelope(UUID requestId, String object, long created, String model) {
        ObjectNode body = json.createObjectNode();
        body.put("id", completionId(requestId));
        body.put("object", object);
        body.put("created", created);
        body.put("model", model);
        return body;
    }

    private ObjectNode usage(AiAnswer answer) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", answer.promptTokens());
        usage.put("completion_tokens", answer.completionTokens());
        usage.put("total_tokens", answer.totalTokens());
        return usage;
    }
}
