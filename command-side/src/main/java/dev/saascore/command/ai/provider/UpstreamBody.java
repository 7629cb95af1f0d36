package dev.saascore.command.ai.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An upstream response body as it arrives, read line by line with a limit on every wait. The JDK's own request
 * timeout stops at the response headers, and a blocking body stream cannot time out at all: this is how a stalled
 * upstream is noticed. The body is taken in as fast as it comes (an answer is at most max_tokens pieces).
 */
final class UpstreamBody implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final Deque<ByteBuffer> unread = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean ended;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription.complete(subscription);
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        arrivals.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    /**
     * The next line without its line break, or null at the end of the body.
     *
     * @throws TimeoutException when no data arrived for {@code wait}
     * @throws IOException      when the connection failed
     */
    String nextLine(Duration wait) throws IOException, TimeoutException, InterruptedException {
        while (true) {
            ByteBuffer buffer = unread.peek();
            if (buffer != null) {
                while (buffer.hasRemaining()) {
                    byte next = buffer.get();
                    if (next == '\n') {
                        return takeLine();
                    }
                    line.write(next);
                }
                unread.poll();
            } else if (ended) {
                return line.size() > 0 ? takeLine() : null;
            } else {
                receive(wait);
            }
        }
    }

    /** The rest of the body (lines joined with \n), which must have arrived by {@code deadline}. */
    String remainder(Instant deadline) throws IOException, TimeoutException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (String next = nextLine(until(deadline)); next != null; next = nextLine(until(deadline))) {
            text.append(next).append('\n');
        }
        return text.toString();
    }

    /**
     * Stops receiving and closes the connection when the body has not ended yet; a body read to its end is left
     * alone (cancelling it would still make the client build an exception, on every call).
     */
    void cancel() {
        if (!ended) {
            subscription.thenAccept(Flow.Subscription::cancel);
        }
    }

    private void receive(Duration wait) throws IOException, TimeoutException, InterruptedException {
        Object arrival = arrivals.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        if (arrival == null) {
            throw new TimeoutException("no data from the upstream for " + wait);
        }
        if (arrival == END) {
            ended = true;
        } else if (arrival instanceof Throwable failure) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        } else {
            @SuppressWarnings("unchecked")
            List<ByteBuffer> buffers = (List<ByteBuffer>) arrival;
            unread.addAll(buffers);
        }
    }

    private String takeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static Duration until(Instant deadline) {
        return Duration.between(Instant.now(), deadline);
    }
}
