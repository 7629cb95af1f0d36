package dev.saascore.command.ai.provider;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * An upstream response body read line by line on the caller's thread. Every read waits at most the connection's
 * socket timeout (the request timeout: a {@link java.net.SocketTimeoutException} says the upstream went silent); a
 * whole answer's deadline is checked between lines.
 */
final class UpstreamBody {

    private final ClassicHttpResponse response;
    private InputStream content;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean ended;

    UpstreamBody(ClassicHttpResponse response) {
        this.response = response;
    }

    /** The next line without its line break, or null at the end of the body. */
    String nextLine() throws IOException {
        if (ended) {
            return null;
        }
        if (content == null) {
            HttpEntity entity = response.getEntity();
            content = entity == null ? InputStream.nullInputStream() : new BufferedInputStream(entity.getContent());
        }
        for (int next = content.read(); ; next = content.read()) {
            if (next == '\n') {
                return takeLine();
            }
            if (next < 0) {
                ended = true;
                return line.size() > 0 ? takeLine() : null;
            }
            line.write(next);
        }
    }

    /** The rest of the body (lines joined with \n), which must have arrived by {@code deadline}. */
    String remainder(Instant deadline) throws IOException, TimeoutException {
        StringBuilder text = new StringBuilder();
        for (String next = nextLine(); next != null; next = nextLine()) {
            text.append(next).append('\n');
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("the upstream's answer was not complete by " + deadline);
            }
        }
        return text.toString();
    }

    /**
     * Done with the body: a body read to its end gives its connection back to the pool; one that has not ended
     * closes its connection, which stops the upstream.
     */
    void close() {
        try {
            response.close();
        } catch (IOException alreadyBroken) {
            // nothing left to release
        }
    }

    private String takeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
