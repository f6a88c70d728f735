package io.opensop.runtime.transfer;

import io.opensop.engine.error.ConflictException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs import work (dry runs, commits, resumes) on the import pool, at most one task per job on this
 * node. Failures are logged; the engine records them on the job (status and message), where the
 * client reads them.
 */
public class ImportTasks {

    private static final Logger LOG = LoggerFactory.getLogger(ImportTasks.class);

    private final ThreadPoolTaskExecutor executor;
    private final Map<Long, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    ImportTasks(ThreadPoolTaskExecutor executor) {
        this.executor = executor;
    }

    /** Queues {@code work} for job {@code jobId}; 409 when this node already works on the job, 503 when the pool is full. */
    public void submit(long jobId, Runnable work) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (running.putIfAbsent(jobId, mine) != null) {
            throw new ConflictException("import_state", "the import is already running", null);
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("import {} stopped: {}", jobId, e.toString());
                } finally {
                    running.remove(jobId, mine);
                    mine.complete(null);
                }
            });
        } catch (TaskRejectedException e) {
            running.remove(jobId, mine);
            mine.complete(null);
            throw new ImportsBusyException();
        }
    }

    public boolean isRunning(long jobId) {
        return running.containsKey(jobId);
    }

    /** Waits until this node has no work queued or running for the job (tests, shutdown hooks). */
    public void await(long jobId, Duration timeout) throws TimeoutException {
        CompletableFuture<Void> future = running.get(jobId);
        if (future == null) {
            return;
        }
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The import pool is full: the client should try again later. */
    public static final class ImportsBusyException extends RuntimeException {
        ImportsBusyException() {
            super("too many imports are running; try again later", null, false, false);
        }
    }
}
