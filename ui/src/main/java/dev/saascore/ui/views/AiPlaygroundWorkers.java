package dev.saascore.ui.views;

import com.vaadin.flow.spring.annotation.SpringComponent;
import jakarta.annotation.PreDestroy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes playground answers off the request thread, so the page stays responsive while an answer streams in.
 * The work runs as the person who asked: the gateway's queries and the caller guard read the signed-in caller
 * from the security context, which does not follow a task to another thread by itself.
 */
@SpringComponent
class AiPlaygroundWorkers {

    /** Answers being written at once across all sessions; more are refused rather than queued behind slow ones. */
    static final int MAX_STREAMS = 64;

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), work -> {
                Thread thread = new Thread(work, "ai-playground-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Runs {@code work} as the caller signed in on the current thread.
     *
     * @throws RejectedExecutionException when {@link #MAX_STREAMS} answers are being written already
     */
    void runAsCaller(Runnable work) {
        SecurityContext caller = SecurityContextHolder.getContext();
        executor.execute(() -> {
            SecurityContextHolder.setContext(caller);
            try {
                work.run();
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
