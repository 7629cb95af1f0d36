package dev.saascore.ui.api.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saascore.command.ai.gateway.AiGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The OpenAI-compatible AI endpoint, so existing OpenAI clients work unchanged with {@code base_url = <host>/v1}:
 * {@code GET /v1/models} here, {@code POST /v1/chat/completions} in {@link ChatCompletionsServlet}. Staff (bearer
 * JWT) and API keys with the {@code ai:invoke} scope may call both (the API's security filter chain). Everything
 * goes through {@link AiGateway}.
 */
@RestController
class ChatCompletionsController {

    private final AiGateway gateway;
    private final OpenAiWire wire;
    private final Clock clock;

    ChatCompletionsController(AiGateway gateway, ObjectMapper json, Clock clock) {
        this.gateway = gateway;
        this.wire = new OpenAiWire(json);
        this.clock = clock;
    }

    @GetMapping(value = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode models() {
        return wire.models(gateway.models(), clock.instant().getEpochSecond());
    }
}
