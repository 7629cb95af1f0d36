package dev.saascore.ui.api.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiCaller;
import dev.saascore.command.ai.gateway.AiGateway;
import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.command.ai.gateway.AiPrompt;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.ui.security.token.ApiKeyAuthentication;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The OpenAI-compatible AI endpoint: {@code POST /v1/chat/completions} (plain or streamed as server-sent events)
 * and {@code GET /v1/models}, so existing OpenAI clients work unchanged with {@code base_url = <host>/v1}. Staff
 * (bearer JWT) and API keys with the {@code ai:invoke} scope may call it. Everything goes through
 * {@link AiGateway}; refusals answer problem+json ({@link AiProblems}).
 */
@RestController
class ChatCompletionsController {

    private final AiGateway gateway;
    private final OpenAiWire wire;
    private final ObjectMapper json;
    private final Clock clock;

    ChatCompletionsController(AiGateway gateway, ObjectMapper json, Clock clock) {
        this.gateway = gateway;
        this.wire = new OpenAiWire(json);
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(value = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode models() {
        return wire.models(gateway.models(), clock.instant().getEpochSecond());
    }

    @PostMapping(value = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> chatCompletions(@AuthenticationPrincipal Caller caller,
                                             @RequestBody(required = false) ChatCompletionRequest body,
                                             HttpServletResponse response) throws IOException {
        AiPrompt prompt = prompt(body);
        AiCaller aiCaller = aiCaller(caller);
        long created = clock.instant().getEpochSecond();
        if (!body.streamed()) {
            AiAnswer answer = gateway.complete(aiCaller, prompt);
            return ResponseEntity.ok().header("X-Request-Id", answer.requestId().toString())
                    .header(AiProblems.COST_HEADER, answer.costKwd().toPlainString())
                    .contentType(MediaType.APPLICATION_JSON).body(wire.completion(answer, created));
        }
        stream(aiCaller, prompt, body.usageInStream(), created, response);
        return null;  // written to the response already
    }

    /**
     * Streams as OpenAI does: a chunk per piece of the answer, a chunk with the finish reason, the usage chunk
     * when asked for, then {@code [DONE]}. Headers are sent with the first piece, so a refusal before it still
     * answers problem+json; a provider failure after it ends the stream with an error event.
     */
    private void stream(AiCaller caller, AiPrompt prompt, boolean includeUsage, long created,
                        HttpServletResponse response) throws IOException {
        SseWriter sse = new SseWriter(response);
        UUID requestId = UUID.randomUUID();
        AiAnswer answer;
        try {
            answer = gateway.stream(caller, prompt, requestId, delta -> {
                boolean first = !sse.opened();
                if (first) {
                    sse.open(requestId);
                }
                sse.event(wire.delta(requestId, prompt.model(), created, delta, first, includeUsage));
            });
        } catch (AiGatewayRefusal failure) {
            if (!sse.opened()) {
                throw failure;
            }
            sse.event(wire.streamError(failure.getMessage(), "provider_error"));  // flushed, like every event
            return;
        }
        if (!sse.opened()) {
            sse.open(requestId);  // an empty answer still gets its chunks
        }
        sse.event(wire.finish(answer, created, includeUsage));
        if (includeUsage) {
            sse.event(wire.usageChunk(answer, created));
        }
        sse.done();
    }

    private AiPrompt prompt(ChatCompletionRequest body) {
        if (body == null) {
            throw AiProblems.invalid(List.of(new FieldViolation("messages", "is required (the body is empty)")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (body.n() != null && body.n() != 1) {
            violations.add(new FieldViolation("n", "only 1 is supported"));
        }
        if (body.maxTokens() != null && body.maxCompletionTokens() != null
                && !body.maxTokens().equals(body.maxCompletionTokens())) {
            violations.add(new FieldViolation("max_completion_tokens", "differs from max_tokens; send one of them"));
        }
        List<ChatMessage> messages = body.messages() == null ? null : new ArrayList<>();
        if (body.messages() != null) {
            for (int i = 0; i < body.messages().size(); i++) {
                ChatCompletionRequest.Message message = body.messages().get(i);
                String text = message == null ? null : text(message.content());
                if (message != null && message.content() != null && !message.content().isNull() && text == null) {
                    violations.add(new FieldViolation("messages[" + i + "].content",
                            "must be a string or a list of text parts (other parts are not supported)"));
                }
                messages.add(new ChatMessage(message == null ? null : message.role(), text));
            }
        }
        if (!violations.isEmpty()) {
            throw AiProblems.invalid(violations);
        }
        Integer maxTokens = body.maxCompletionTokens() != null ? body.maxCompletionTokens() : body.maxTokens();
        return new AiPrompt(body.model(), messages, maxTokens, body.temperature());
    }

    /** A message's text: the string itself, or its text parts joined; null when it is anything else. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                return null;
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static AiCaller aiCaller(Caller caller) {
        if (caller == null || caller.tenantId() == null) {
            throw AiProblems.forbidden("AI calls are made for a tenant: sign in as a tenant's staff member or use its API key.");
        }
        String actor = caller.actorId();
        ApiKeyId key = actor.startsWith(ApiKeyAuthentication.ACTOR_PREFIX)
                ? ApiKeyId.of(actor.substring(ApiKeyAuthentication.ACTOR_PREFIX.length())) : null;
        return new AiCaller(caller.tenantId(), actor, key);
    }

    @ExceptionHandler(AiGatewayRefusal.class)
    ResponseEntity<Object> refused(AiGatewayRefusal refusal) {
        return AiProblems.of(refusal);
    }

    /** Writes server-sent events straight to the response, flushing each so clients see pieces as they come. */
    private final class SseWriter {
        private final HttpServletResponse response;
        private OutputStream out;

        SseWriter(HttpServletResponse response) {
            this.response = response;
        }

        boolean opened() {
            return out != null;
        }

        void open(UUID requestId) throws IOException {
            response.setStatus(HttpStatus.OK.value());
            response.setHeader("X-Request-Id", requestId.toString());
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
        }

        void event(JsonNode data) throws IOException {
            out.write("data: ".getBytes(StandardCharsets.UTF_8));
            out.write(json.writeValueAsBytes(data));
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void done() throws IOException {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
