package dev.saascore.ui.api.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiCaller;
import dev.saascore.command.ai.gateway.AiGateway;
import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.command.ai.gateway.AiPrompt;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.ui.api.ApiProblems;
import dev.saascore.ui.security.token.ApiKeyAuthentication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible (plain or streamed as server-sent events), as a plain servlet:
 * the hottest endpoint skips Spring MVC's handler mapping, argument resolution and content negotiation, about a
 * quarter of a call's request-thread CPU (benchmark P3; ADR 0003). Spring Security's filter chain still
 * authenticates and authorises every request before it arrives here. Refusals answer problem+json as everywhere
 * else in the API ({@link ApiProblems}, {@link AiProblems}).
 */
class ChatCompletionsServlet extends HttpServlet {

    static final String PATH = "/v1/chat/completions";
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final transient AiGateway gateway;
    private final transient OpenAiWire wire;
    private final transient ObjectMapper json;
    private final transient ObjectReader requests;
    private final transient Clock clock;

    /** Maps the servlet to its path (an exact mapping: it wins over Spring MVC's and Vaadin's). */
    @Configuration
    static class Registration {
        @Bean
        ServletRegistrationBean<ChatCompletionsServlet> chatCompletionsServlet(AiGateway gateway, ObjectMapper json,
                                                                              Clock clock) {
            return new ServletRegistrationBean<>(new ChatCompletionsServlet(gateway, json, clock), PATH);
        }
    }

    ChatCompletionsServlet(AiGateway gateway, ObjectMapper json, Clock clock) {
        this.gateway = gateway;
        this.wire = new OpenAiWire(json);
        this.json = json;
        this.requests = json.readerFor(ChatCompletionRequest.class);
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, "POST");
                throw new Refused(ApiProblems.problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                        "Only POST is supported here.", List.of()));
            }
            if (!isJson(request.getContentType())) {
                throw new Refused(ApiProblems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                        "The body must be application/json.", List.of()));
            }
            chatCompletions(caller(), body(request), response);
        } catch (Refused refused) {
            write(refused.problem, response);
        } catch (AiGatewayRefusal refusal) {
            write(AiProblems.of(refusal), response);
        }
    }

    private void chatCompletions(AiCaller caller, ChatCompletionRequest body, HttpServletResponse response)
            throws IOException {
        AiPrompt prompt = prompt(body);
        long created = clock.instant().getEpochSecond();
        if (!body.streamed()) {
            AiAnswer answer = gateway.complete(caller, prompt);
            response.setStatus(HttpStatus.OK.value());
            response.setHeader("X-Request-Id", answer.requestId().toString());
            response.setHeader(AiProblems.COST_HEADER, answer.costKwd().toPlainString());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            byte[] completion = json.writeValueAsBytes(wire.completion(answer, created));
            response.setContentLength(completion.length);
            response.getOutputStream().write(completion);
            return;
        }
        stream(caller, prompt, body.usageInStream(), created, response);
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

    /** The body; null when it is empty. Unreadable JSON is refused naming the field where it went wrong. */
    private ChatCompletionRequest body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readAllBytes();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return requests.readValue(bytes);
        } catch (JsonProcessingException unreadable) {
            throw new Refused(ApiProblems.unreadable(unreadable));
        }
    }

    private AiPrompt prompt(ChatCompletionRequest body) {
        if (body == null) {
            throw invalid(List.of(new FieldViolation("messages", "is required (the body is empty)")));
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
            throw invalid(violations);
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

    /** The caller the security filter chain authenticated (it lets no request without one through to here). */
    private static AiCaller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller known ? known : null;
        if (caller == null || caller.tenantId() == null) {
            throw new Refused(ApiProblems.problem(HttpStatus.FORBIDDEN, "Forbidden",
                    "AI calls are made for a tenant: sign in as a tenant's staff member or use its API key.", List.of()));
        }
        String actor = caller.actorId();
        ApiKeyId key = actor.startsWith(ApiKeyAuthentication.ACTOR_PREFIX)
                ? ApiKeyId.of(actor.substring(ApiKeyAuthentication.ACTOR_PREFIX.length())) : null;
        return new AiCaller(caller.tenantId(), actor, key);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private static Refused invalid(List<FieldViolation> violations) {
        return new Refused(ApiProblems.invalid(violations));
    }

    private void write(ResponseEntity<Object> problem, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;  // a stream already under way ends with its error event instead
        }
        response.setStatus(problem.getStatusCode().value());
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.getBody());
    }

    /** A request refused before it reached the gateway, with its problem+json answer. */
    private static final class Refused extends RuntimeException {
        private final transient ResponseEntity<Object> problem;

        Refused(ResponseEntity<Object> problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
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
            out.write(DATA);
            out.write(json.writeValueAsBytes(data));
            out.write(EVENT_END);
            out.flush();
        }

        void done() throws IOException {
            out.write(DONE);
            out.flush();
        }
    }
}
