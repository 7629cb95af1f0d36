package dev.saascore.command.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes snapshots on threads of their own, after the triggering command has committed. Axon's default snapshotter
 * runs in the command's thread, so the command that crosses the threshold would pay for reading and serialising
 * the whole aggregate (DESIGN.md section 9). A snapshot that cannot be queued is dropped: the next threshold
 * schedules another, and until then the stream is only somewhat longer to read.
 */
@org.springframework.context.annotation.Configuration
class AsyncSnapshotting implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AsyncSnapshotting.class);
    private static final int THREADS = 2;
    private static final int QUEUED = 1_000;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), daemonThreads(),
            (task, pool) -> log.warn("Snapshot skipped: {} snapshots are already waiting", QUEUED));

    /** Replaces Axon's auto-configured snapshotter (same collaborators) with one that uses the executor. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }

    /** Snapshots still waiting are dropped: they are an optimisation, and the database may already be closing. */
    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "snapshotter-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
