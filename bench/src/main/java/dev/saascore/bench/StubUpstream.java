package dev.saascore.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenAI-compatible upstream that answers at once ({@code POST /v1/chat/completions}, plain or streamed), in the
 * bench JVM: what the gateway adds is measured against it. It answers every request the same way: a content of
 * {@code completionTokens} pieces {@value #PIECE} and the usage it was told to report (the bench sets the prompt
 * tokens as the gateway counts them and the completion tokens at most max_tokens: an upstream within the documented
 * overshoot bound). Two request temperatures make it fail, so P4 can send failing calls with the same token estimate
 * as the others: {@value #FAILING_TEMPERATURE} answers 500 (every try), {@value #BREAKING_TEMPERATURE} breaks a stream
 * off with an error event after two pieces.
 */
final class StubUpstream implements AutoCloseable {

    static final String MODEL = "stub-zero";
    static final String PIECE = " token";
    static final double FAILING_TEMPERATURE = 0.25;
    static final double BREAKING_TEMPERATURE = 0.75;
    private static final int PIECES_BEFORE_BREAK = 2;

    /** What every request is answered with, prepared once. */
    private record Answer(int promptTokens, int completionTokens, byte[] plain) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final LongAdder requests = new LongAdder();
    private volatile Answer answer;
    private volatile Duration streamPause = Duration.ZERO;

    private StubUpstream(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
        answer(10, 2);
    }

    static StubUpstream start() throws IOException {
        // without it the JDK server's small answers wait for delayed ACKs (Nagle): ~40 ms each on loopback
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stub-upstream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        StubUpstream stub = new StubUpstream(server, workers);
        server.createContext("/v1/chat/completions", stub::handle);
        server.start();
        return stub;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What the gateway's {@code saas.ai.upstream.base-url} must be. */
    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    long requests() {
        return requests.sum();
    }

    /** The usage every later answer reports; the content has {@code completionTokens} pieces. */
    void answer(int promptTokens, int completionTokens) {
        String json = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
                + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + PIECE.repeat(completionTokens) + "\"},\"finish_reason\":\"stop\"}]," + usage(promptTokens,
                completionTokens) + "}";
        answer = new Answer(promptTokens, completionTokens, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Pause between the pieces of a streamed answer (so a client can leave in the middle of one). */
    void streamPause(Duration pause) {
        streamPause = pause;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            Answer current = answer;
            if (request.contains("\"temperature\":" + FAILING_TEMPERATURE)) {
                send(exchange, 500, "{\"error\":{\"message\":\"the stub upstream failed on purpose\"}}"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (request.contains("\"stream\":true")) {
                stream(exchange, current, request.contains("\"temperature\":" + BREAKING_TEMPERATURE));
            } else {
                send(exchange, 200, current.plain);
            }
        } catch (IOException gone) {
            // the gateway hung up (its client left mid-stream): nothing more to send
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private void stream(HttpExchange exchange, Answer current, boolean breakOff) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String chunk = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,";
        for (int i = 0; i < current.completionTokens; i++) {
            if (breakOff && i == PIECES_BEFORE_BREAK) {
                event(out, "{\"error\":{\"message\":\"the stub upstream broke off on purpose\"}}");
                return;
            }
            event(out, chunk + "\"delta\":{\"content\":\"" + PIECE + "\"},\"finish_reason\":null}]}");
            pause();
        }
        event(out, chunk + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + MODEL + "\",\"choices\":[]," + usage(current.promptTokens, current.completionTokens) + "}");
        event(out, "[DONE]");
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(streamPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
