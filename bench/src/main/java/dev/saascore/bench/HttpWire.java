package dev.saascore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What the bench's minimal HTTP/1.1 client ({@link HttpConnection}) and stub server ({@link StubUpstream}) share. */
final class HttpWire {

    private HttpWire() {
    }

    /** One line without its terminator; null when the stream ends before its first byte (the peer closed). */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new IOException("connection closed in the middle of a line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** One line without its terminator; the stream must not end before it. */
    static String requiredLine(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("connection closed by the peer");
        }
        return line;
    }

    /** A message's head and body as the one array of bytes to write. */
    static byte[] message(String head, byte[] body) {
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, message, 0, head8.length);
        System.arraycopy(body, 0, message, head8.length, body.length);
        return message;
    }
}
