package dev.saascore.ui.infrastructure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This JVM's claim on embedded mode's data directory: an exclusive lock on {@value #LOCK_FILE} in it, which the
 * operating system releases when the JVM ends, however it ends.
 * <p>
 * Holding it proves that a server still running from the directory was left behind by a run that was killed before
 * it could stop its servers (kill -9, an IDE's hard stop, the OOM killer). Such a server holds the directory (the
 * embedded PostgreSQL refuses to start next to it), so it is stopped, as its own run would have stopped it. Without
 * the claim, a second instance started on the same directory would take the running one's servers away; with it,
 * that second instance is refused.
 */
final class DataDirectoryClaim implements AutoCloseable {

    static final String LOCK_FILE = ".embedded.lock";
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims the directory, creating it if needed; fails when another running JVM holds it. */
    static DataDirectoryClaim claim(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("The data directory " + directory + " is in use by another running instance of the "
                    + "platform: stop that one first, or give this one another SAAS_DATA_DIR");
        }
        return new DataDirectoryClaim(channel, lock);
    }

    /**
     * Stops the server that a killed run left running, found by its pid file (the first line holds its process id)
     * and the name of its program; says which process it stopped. A pid file whose process is gone, or is some other
     * program now, is left to the server that starts next (both servers replace a stale one).
     */
    Optional<String> stopLeftover(Path pidFile, String program) {
        Optional<ProcessHandle> leftover = pid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().startsWith(program)).orElse(false));
        leftover.ifPresent(DataDirectoryClaim::stop);
        return leftover.map(process -> program + " (pid " + process.pid() + ")");
    }

    /**
     * Stops a server process as it should be stopped: SIGTERM, on which PostgreSQL and Redis both shut down cleanly
     * (Redis saves first), then SIGKILL if it is still there after {@value #STOP_TIMEOUT_SECONDS} s (a Redis whose
     * save fails does not exit) or if this thread is interrupted while it waits.
     */
    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("onExit completes normally", impossible);
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException absentOrHalfWritten) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
