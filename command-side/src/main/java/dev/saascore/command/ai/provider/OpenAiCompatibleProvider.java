package dev.saascore.command.ai.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saascore.command.ai.provider.ProviderException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * An OpenAI-compatible upstream ({@code POST {base-url}/chat/completions}): OpenAI itself, or a compatible server such
 * as vLLM, Ollama or a hosted gateway. Only the configured models are served.
 * <p>
 * Timeouts ({@link AiProviderProperties}): connecting within connect-timeout; a plain call answered completely within
 * request-timeout; a stream's headers within request-timeout and then no pause in its data longer than
 * request-timeout (long answers may stream for longer in total). A timed-out call is not retried: it has already
 * taken as long as a caller should wait.
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

    private final AiProviderProperties settings;
    private final URI endpoint;
    private final HttpClient http;
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
        // an executor of our own: with the default one, on two cores the JDK client starts a new thread for every
        // response (CompletableFuture's fallback when the common pool has a single worker), found by benchmark P3
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .executor(Executors.newCachedThreadPool(daemonThreads())).build();
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "ai-upstream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
            } catch (TimeoutException slow) {
                throw timedOut();
            } catch (IOException broken) {
                throw new RetryableFailure(unavailable("the upstream connection broke: " + broken.getMessage()), null);
            } catch (InterruptedException interrupted) {
                throw interrupted();
            }
            return completion(request, parse(text));
        } finally {
            response.body().cancel();
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
            response.body().cancel();
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
            return response.body().nextLine(settings.requestTimeout());
        } catch (TimeoutException stalled) {
            throw timedOut();
        } catch (IOException broken) {
            throw stream.broken("the upstream connection broke: " + broken.getMessage());
        } catch (InterruptedException interrupted) {
            throw interrupted();
        }
    }

    private Response send(byte[] requestBody, String accept) throws RetryableFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = sent.get();
        } catch (InterruptedException interrupted) {
            sent.cancel(true);
            throw interrupted();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new RetryableFailure(new ProviderException(Kind.TIMEOUT,
                        "could not connect to the upstream within " + settings.connectTimeout(), cause), null);
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut();
            }
            if (cause instanceof IOException) {
                throw new RetryableFailure(new ProviderException(Kind.UNAVAILABLE,
                        "could not reach the upstream: " + scrub(String.valueOf(cause.getMessage())), cause), null);
            }
            throw new ProviderException(Kind.UNAVAILABLE, "the upstream call failed", cause);
        }
        UpstreamBody body = new UpstreamBody();
        response.body().subscribe(body);
        return new Response(response.statusCode(), response.headers(), body);
    }

    private record Response(int status, HttpHeaders headers, UpstreamBody body) {
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
                        "the upstream is rate limiting us (429): " + detail), retryAfter(response.headers()));
            case 500, 502, 503, 504:
                return new RetryableFailure(new ProviderException(Kind.UNAVAILABLE,
                        "the upstream failed (" + status + "): " + detail), retryAfter(response.headers()));
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
        } catch (InterruptedException interrupted) {
            throw interrupted();
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
    private static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After")
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
        body.put("max_tokens", request.maxTokens());
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
