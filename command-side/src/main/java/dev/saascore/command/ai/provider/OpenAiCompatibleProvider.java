package dev.saascore.command.ai.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saascore.command.ai.provider.ProviderException.Kind;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * An OpenAI-compatible upstream ({@code POST {base-url}/chat/completions}): OpenAI itself, or a compatible server such
 * as vLLM, Ollama or a hosted gateway. Only the configured models are served.
 * <p>
 * Timeouts ({@link AiProviderProperties}): connecting (and getting a pooled connection) within connect-timeout; no
 * wait for the upstream longer than request-timeout; a plain call's answer complete within request-timeout (checked
 * as its lines arrive); a stream may last longer in total while its data keeps coming. A timed-out call is not
 * retried: it has already taken as long as a caller should wait.
 * <p>
 * Retries: on 429, 500, 502, 503, 504 and failed connections, up to max-attempts tries in all, waiting the upstream's
 * numeric {@code Retry-After} or an exponential backoff with jitter, both at most max-backoff. A stream is never
 * retried once part of the answer went to the sink: the caller has already seen it.
 * <p>
 * Errors are {@link ProviderException}s whose messages carry the upstream's own error message (scrubbed of the API
 * key) but never the key.
 */
public final class OpenAiCompatibleProvider implements AiProvider {

    /** Waits between tries; tests record the waits instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_DETAIL = 300;
    /** JSON is UTF-8 by definition (RFC 8259): no charset parameter, as OpenAI's own clients send it. */
    private static final ContentType JSON_CONTENT = ContentType.create("application/json");
    /** Upstream connections kept open at most (calls in flight beyond it wait up to connect-timeout for one). */
    private static final int MAX_CONNECTIONS = 256;

    private final AiProviderProperties settings;
    private final URI endpoint;
    private final CloseableHttpClient http;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    public OpenAiCompatibleProvider(AiProviderProperties settings) {
        this(settings, duration -> Thread.sleep(duration.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
    }

    OpenAiCompatibleProvider(AiProviderProperties settings, Sleeper sleeper, DoubleSupplier jitter) {
        if (!settings.upstreamEnabled()) {
            throw new IllegalArgumentException("saas.ai.upstream.base-url is not set");
        }
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().replaceAll("/+$", "") + "/chat/completions");
        // a blocking client on the caller's thread, connections pooled: the JDK's client handed every call to its
        // selector thread and back through an executor (a sixth of the gateway's CPU in benchmark P3). Every read
        // waits at most request-timeout; we retry ourselves.
        Timeout requestTimeout = Timeout.of(settings.requestTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(requestTimeout)
                                // a pooled connection idle this long is checked first: the upstream may have closed it
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .setResponseTimeout(requestTimeout).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression()
                .build();
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    @Override
    public List<String> models() {
        return settings.models();
    }

    @Override
    public ChatCompletion complete(ChatRequest request) {
        byte[] body = requestBody(request, false);
        for (int attempt = 1; ; attempt++) {
            try {
                return completeOnce(request, body);
            } catch (RetryableFailure failure) {
                pauseBeforeRetry(attempt, failure);
            }
        }
    }

    @Override
    public ChatCompletion stream(ChatRequest request, DeltaSink sink) throws IOException {
        byte[] body = requestBody(request, true);
        for (int attempt = 1; ; attempt++) {
            try {
                return streamOnce(request, body, sink);
            } catch (RetryableFailure failure) {
                pauseBeforeRetry(attempt, failure);
            }
        }
    }

    private ChatCompletion completeOnce(ChatRequest request, byte[] requestBody) throws RetryableFailure {
        Instant deadline = Instant.now().plus(settings.requestTimeout());
        Response response = send(requestBody, "application/json");
        try {
            if (response.status() != 200) {
                throw retryableFailure(response, deadline);
            }
            String text;
            try {
                text = response.body().remainder(deadline);
            } catch (TimeoutException | SocketTimeoutException slow) {
                throw timedOut();
            } catch (IOException broken) {
                throw new RetryableFailure(unavailable("the upstream connection broke: " + broken.getMessage()), null);
            }
            return completion(request, parse(text));
        } finally {
            response.body().close();
        }
    }

    private static ChatCompletion completion(ChatRequest request, JsonNode answer) throws RetryableFailure {
        JsonNode choice = answer.path("choices").path(0);
        if (!choice.isObject()) {
            throw new RetryableFailure(unavailable("the upstream answered without a choice"), null);
        }
        return new ChatCompletion(request.model(), choice.path("message").path("content").asText(""),
                choice.path("finish_reason").asText("stop"), usage(answer.path("usage")));
    }

    private ChatCompletion streamOnce(ChatRequest request, byte[] requestBody, DeltaSink sink)
            throws RetryableFailure, IOException {
        Response response = send(requestBody, "text/event-stream");
        try {
            if (response.status() != 200) {
                throw retryableFailure(response, Instant.now().plus(settings.requestTimeout()));
            }
            StreamedAnswer stream = new StreamedAnswer();
            StringBuilder data = new StringBuilder();
            for (String line = nextLine(response, stream); line != null; line = nextLine(response, stream)) {
                if (line.startsWith("data:")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.isEmpty() && data.length() > 0) {
                    // a blank line ends an event
                    if (stream.take(data.toString(), sink)) {
                        return stream.completion(request);
                    }
                    data.setLength(0);
                }
            }
            boolean doneWithoutBlankLine = data.length() > 0 && stream.take(data.toString(), sink);
            // some servers close the stream after the finish reason without sending [DONE]
            if (doneWithoutBlankLine || stream.finishReason != null) {
                return stream.completion(request);
            }
            throw stream.broken("the upstream stream ended before the answer did");
        } finally {
            response.body().close();
        }
    }

    /** What a stream has delivered so far. */
    private final class StreamedAnswer {
        private final StringBuilder content = new StringBuilder();
        private boolean began;
        private String finishReason;
        private ProviderUsage usage;

        /** Takes one event's data; true when it was the last ({@code [DONE]}). */
        boolean take(String data, DeltaSink sink) throws RetryableFailure, IOException {
            if (data.strip().equals("[DONE]")) {
                return true;
            }
            JsonNode chunk;
            try {
                chunk = parse(data);
            } catch (RetryableFailure malformed) {
                throw broken(malformed.exhausted.getMessage());
            }
            if (chunk.has("error")) {
                throw broken("the upstream failed mid-stream: " + errorMessage(chunk));
            }
            JsonNode choice = chunk.path("choices").path(0);
            String delta = choice.path("delta").path("content").asText("");
            if (!delta.isEmpty()) {
                began = true;
                content.append(delta);
                sink.accept(delta);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
            ProviderUsage reported = usage(chunk.path("usage"));
            usage = reported == null ? usage : reported;
            return false;
        }

        /** A failed stream: retried while the caller has seen nothing of it, final otherwise. */
        RetryableFailure broken(String reason) {
            if (began) {
                throw unavailable(reason);
            }
            return new RetryableFailure(unavailable(reason), null);
        }

        ChatCompletion completion(ChatRequest request) {
            return new ChatCompletion(request.model(), content.toString(), finishReason == null ? "stop" : finishReason,
                    usage);
        }
    }

    private String nextLine(Response response, StreamedAnswer stream) throws RetryableFailure {
        try {
            return response.body().nextLine();
        } catch (SocketTimeoutException stalled) {
            throw timedOut();
        } catch (IOException broken) {
            throw stream.broken("the upstream connection broke: " + broken.getMessage());
        }
    }

    private Response send(byte[] requestBody, String accept) throws RetryableFailure {
        HttpPost request = new HttpPost(endpoint);
        request.setHeader("Accept", accept);
        if (!settings.apiKey().isEmpty()) {
            request.setHeader("Authorization", "Bearer " + settings.apiKey());
        }
        request.setEntity(new ByteArrayEntity(requestBody, JSON_CONTENT));
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, request, null);
        } catch (ConnectTimeoutException slow) {
            throw new RetryableFailure(new ProviderException(Kind.TIMEOUT,
                    "could not connect to the upstream within " + settings.connectTimeout(), slow), null);
        } catch (SocketTimeoutException slow) {
            throw timedOut();
        } catch (IOException unreachable) {
            throw new RetryableFailure(new ProviderException(Kind.UNAVAILABLE,
                    "could not reach the upstream: " + scrub(String.valueOf(unreachable.getMessage())), unreachable), null);
        }
        return new Response(response.getCode(), response.getFirstHeader("Retry-After"), new UpstreamBody(response));
    }

    private record Response(int status, Header retryAfter, UpstreamBody body) {
    }

    /**
     * The failure a non-200 answer means, when another try may help (429 and 5xx overload).
     *
     * @throws ProviderException when it cannot (refused credentials, rejected request, other statuses)
     */
    private RetryableFailure retryableFailure(Response response, Instant deadline) {
        String detail = errorMessage(errorBody(response, deadline));
        int status = response.status();
        switch (status) {
            case 429:
                return new RetryableFailure(new ProviderException(Kind.RATE_LIMITED,
                        "the upstream is rate limiting us (429): " + detail), retryAfter(response.retryAfter()));
            case 500, 502, 503, 504:
                return new RetryableFailure(new ProviderException(Kind.UNAVAILABLE,
                        "the upstream failed (" + status + "): " + detail), retryAfter(response.retryAfter()));
            case 401, 403:
                throw new ProviderException(Kind.MISCONFIGURED,
                        "the upstream refused our credentials (" + status + "): " + detail);
            default:
                boolean refused = status >= 400 && status < 500;
                throw new ProviderException(refused ? Kind.REJECTED : Kind.UNAVAILABLE, "the upstream "
                        + (refused ? "rejected the request" : "answered unexpectedly") + " (" + status + "): " + detail);
        }
    }

    /** The error answer's JSON; an empty object when it is not JSON or does not arrive. */
    private JsonNode errorBody(Response response, Instant deadline) {
        try {
            return JSON.readTree(response.body().remainder(deadline));
        } catch (IOException | TimeoutException unreadable) {
            return JSON.createObjectNode();
        }
    }

    /** OpenAI's {@code {"error": {"message": …}}}, also the plain {@code {"error": "…"}} some servers send. */
    private String errorMessage(JsonNode body) {
        JsonNode error = body.path("error");
        String message = error.isTextual() ? error.asText() : error.path("message").asText("");
        if (message.isBlank()) {
            return "no details";
        }
        String scrubbed = scrub(message.strip());
        return scrubbed.length() <= MAX_ERROR_DETAIL ? scrubbed : scrubbed.substring(0, MAX_ERROR_DETAIL) + "…";
    }

    private String scrub(String text) {
        return settings.apiKey().isEmpty() ? text : text.replace(settings.apiKey(), "***");
    }

    /** A numeric {@code Retry-After} (seconds); dates and nonsense are ignored in favour of the backoff. */
    private static Duration retryAfter(Header header) {
        return Optional.ofNullable(header).map(Header::getValue)
                .filter(value -> value.strip().matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(null);
    }

    private void pauseBeforeRetry(int attempt, RetryableFailure failure) {
        if (attempt >= settings.maxAttempts()) {
            throw failure.exhausted;
        }
        Duration wait;
        if (failure.retryAfter != null) {
            wait = failure.retryAfter;
        } else {
            // "equal jitter": half the exponential step for sure, the other half random, so clients spread out
            Duration step = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
            Duration ceiling = step.compareTo(settings.maxBackoff()) < 0 ? step : settings.maxBackoff();
            wait = ceiling.dividedBy(2).plusNanos((long) (jitter.getAsDouble() * ceiling.dividedBy(2).toNanos()));
        }
        try {
            sleeper.sleep(wait.compareTo(settings.maxBackoff()) < 0 ? wait : settings.maxBackoff());
        } catch (InterruptedException interrupted) {
            throw interrupted();
        }
    }

    private byte[] requestBody(ChatRequest request, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        var messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put(settings.maxTokensParameter(), request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
    }

    private static JsonNode parse(String text) throws RetryableFailure {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw new RetryableFailure(unavailable("the upstream answered with malformed JSON"), null);
        }
    }

    /** Usage as reported, or null when the upstream did not report it. */
    private static ProviderUsage usage(JsonNode usage) {
        if (!usage.path("prompt_tokens").canConvertToLong() || !usage.path("completion_tokens").canConvertToLong()) {
            return null;
        }
        return new ProviderUsage(usage.get("prompt_tokens").asLong(), usage.get("completion_tokens").asLong());
    }

    private ProviderException timedOut() {
        return new ProviderException(Kind.TIMEOUT,
                "the upstream did not answer within " + settings.requestTimeout());
    }

    private static ProviderException unavailable(String message) {
        return new ProviderException(Kind.UNAVAILABLE, message);
    }

    private static ProviderException interrupted() {
        Thread.currentThread().interrupt();
        return new ProviderException(Kind.UNAVAILABLE, "interrupted while waiting for the upstream");
    }

    /** A failure worth another try; {@code exhausted} is what the caller gets when no try is left. */
    private static final class RetryableFailure extends Exception {
        private final ProviderException exhausted;
        private final Duration retryAfter;

        RetryableFailure(ProviderException exhausted, Duration retryAfter) {
            super(exhausted.getMessage(), null, false, false);
            this.exhausted = exhausted;
            this.retryAfter = retryAfter;
        }
    }
}
