package dev.saascore.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>
 * It shares the machine's two cores with the gateway it stands behind, so, like {@link HttpConnection}, it does as
 * little as it can: a thread per keep-alive connection blocked in its read, and a plain answer prepared once and sent
 * in one write. The JDK's {@code com.sun.net.httpserver}, used before, handed every request from its selector
 * thread to a worker and back, and took 13 % of the bench JVM's CPU in P3's closed loop (2026-11-27).
 */
final class StubUpstream implements AutoCloseable {

    static final String MODEL = "stub-zero";
    static final String PIECE = " token";
    static final double FAILING_TEMPERATURE = 0.25;
    static final double BREAKING_TEMPERATURE = 0.75;
    private static final String PATH = "/v1/chat/completions";
    private static final int PIECES_BEFORE_BREAK = 2;
    private static final byte[] FAILED = response("500 Internal Server Error",
            "{\"error\":{\"message\":\"the stub upstream failed on purpose\"}}");
    private static final byte[] NOT_FOUND = response("404 Not Found",
            "{\"error\":{\"message\":\"the stub upstream serves only POST " + PATH + "\"}}");
    private static final byte[] STREAM_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What every request is answered with, prepared once. */
    private record Answer(int promptTokens, int completionTokens, byte[] plain) {
    }

    /** A request as far as the stub cares: where it went, its body, and whether the client wants to close. */
    private record Request(String method, String path, String body, boolean close) {
    }

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private volatile Answer answer;
    private volatile Duration streamPause = Duration.ZERO;

    private StubUpstream(ServerSocket listener) {
        this.listener = listener;
        answer(10, 2);
    }

    static StubUpstream start() throws IOException {
        StubUpstream stub = new StubUpstream(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
        stub.thread("accept", stub::accept).start();
        return stub;
    }

    int port() {
        return listener.getLocalPort();
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
        answer = new Answer(promptTokens, completionTokens, response("200 OK", json));
    }

    /** Pause between the pieces of a streamed answer (so a client can leave in the middle of one). */
    void streamPause(Duration pause) {
        streamPause = pause;
    }

    private Thread thread(String name, Runnable work) {
        Thread thread = new Thread(work, "stub-upstream-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                thread(String.valueOf(threads.incrementAndGet()), () -> serve(connection)).start();
            } catch (IOException closed) {
                return;  // close() closed the listener
            }
        }
    }

    /** Answers the connection's requests one after the other until the client (or close()) ends it. */
    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
            OutputStream out = connection.getOutputStream();
            for (Request request = read(in); request != null; request = read(in)) {
                requests.increment();
                respond(request, out);
                if (request.close) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the gateway hung up (its client left mid-stream), or the stub is closing: nothing more to send
        } finally {
            connections.remove(connection);
        }
    }

    private void respond(Request request, OutputStream out) throws IOException {
        Answer current = answer;
        if (!request.method.equals("POST") || !request.path.equals(PATH)) {
            out.write(NOT_FOUND);
        } else if (request.body.contains("\"temperature\":" + FAILING_TEMPERATURE)) {
            out.write(FAILED);
        } else if (request.body.contains("\"stream\":true")) {
            stream(out, current, request.body.contains("\"temperature\":" + BREAKING_TEMPERATURE));
        } else {
            out.write(current.plain);
        }
    }

    /** The next request, or null when the client closed the connection between requests. */
    private static Request read(InputStream in) throws IOException {
        String requestLine = HttpWire.line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("not an HTTP request line: '" + requestLine + "'");
        }
        int length = 0;
        boolean close = false;
        for (String header = HttpWire.requiredLine(in); !header.isEmpty(); header = HttpWire.requiredLine(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:")) {
                throw new IOException("the stub reads only bodies with a Content-Length");
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new SocketException("the client closed the connection in the middle of a body");
        }
        return new Request(parts[0], parts[1], new String(body, StandardCharsets.ISO_8859_1), close);
    }

    private void stream(OutputStream socket, Answer current, boolean breakOff) throws IOException {
        OutputStream out = new BufferedOutputStream(socket, 4 * 1024);
        out.write(STREAM_HEAD);
        String chunk = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,";
        for (int i = 0; i < current.completionTokens; i++) {
            if (breakOff && i == PIECES_BEFORE_BREAK) {
                event(out, "{\"error\":{\"message\":\"the stub upstream broke off on purpose\"}}");
                out.write(LAST_CHUNK);
                out.flush();
                return;
            }
            event(out, chunk + "\"delta\":{\"content\":\"" + PIECE + "\"},\"finish_reason\":null}]}");
            pause();
        }
        event(out, chunk + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
                + MODEL + "\",\"choices\":[]," + usage(current.promptTokens, current.completionTokens) + "}");
        event(out, "[DONE]");
        out.write(LAST_CHUNK);
        out.flush();
    }

    /** One server-sent event as one chunk of the chunked body, flushed so the gateway sees it at once. */
    private static void event(OutputStream out, String data) throws IOException {
        byte[] event = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(event);
        out.write('\r');
        out.write('\n');
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

    /** A whole answer with a JSON body, status line to last byte, to be sent in one write. */
    private static byte[] response(String status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return HttpWire.message("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n", body);
    }

    private static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();  // wakes its thread out of its read
        }
    }
}
