package dev.saascore.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection, for load generation: it shares the machine's
 * two cores with the server it measures, so it does as little as it can (no thread hand-offs, no header maps). A
 * request is prepared once as bytes and sent as often as needed. The connection is reopened when the server asks
 * to close it (Tomcat does after 100 requests on a connection by default).
 */
final class HttpConnection implements AutoCloseable {

    record Response(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(int port) {
        this.port = port;
    }

    /** A POST with a JSON body to 127.0.0.1, as bytes to send; {@code bearer} null: no Authorization header. */
    static byte[] post(int port, String path, String bearer, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                + "Content-Type: application/json\r\nAccept: */*\r\nContent-Length: " + body.length + "\r\n\r\n";
        return HttpWire.message(head, body);
    }

    /** Opens the connection now (so a timed exchange does not pay for it). */
    HttpConnection open() throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }
        return this;
    }

    /** Sends the request and reads the whole answer. */
    Response exchange(byte[] request) throws IOException {
        try {
            int status = send(request);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] body = chunked ? chunkedBody() : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
            if (close || (!chunked && length < 0)) {
                close();
            }
            return new Response(status, body);
        } catch (IOException | RuntimeException broken) {
            close();
            throw broken;
        }
    }

    /**
     * Sends the request, waits for the status line and the first bytes of the body, then resets the connection
     * (SO_LINGER 0): a client that goes away in the middle of a streamed answer. Returns the status.
     */
    int exchangeAndVanish(byte[] request) throws IOException {
        try {
            int status = send(request);
            while (!line().isEmpty()) {
                // headers: not needed
            }
            if (in.read() < 0) {
                throw new IOException("the server closed the stream before its first byte");
            }
            socket.setSoLinger(true, 0);
            return status;
        } finally {
            close();
        }
    }

    /** Sends the request (opening the connection if needed) and reads the answer's status line. */
    private int send(byte[] request) throws IOException {
        open();
        out.write(request);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(line()); size > 0; size = chunkSize(line())) {
            body.write(in.readNBytes(size));
            line(); // the CRLF after the chunk
        }
        while (!line().isEmpty()) {
            // trailers: none expected, skipped
        }
        return body.toByteArray();
    }

    private static int chunkSize(String line) {
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
    }

    private String line() throws IOException {
        return HttpWire.requiredLine(in);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
