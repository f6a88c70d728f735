package io.opensop.runtime.transfer;

import io.opensop.engine.security.Actor;
import io.opensop.engine.transfer.ImportJob;
import io.opensop.engine.transfer.ImportService;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resumes imports a crash left {@code committing} (or {@code validating}): at startup and then every
 * {@code opensop.imports.resume-check} (default PT1M), each job that has not moved for
 * {@code opensop.imports.resume-stale-after} (default PT2M; a running import moves with every batch)
 * is claimed through the engine's compare-and-set ({@link ImportService#claimInterrupted}), so on
 * several nodes exactly one resumes it, as the user who started it. Off with
 * {@code opensop.imports.resume-enabled=false}.
 */
@Component
class ImportResumer {

    private static final Logger LOG = LoggerFactory.getLogger(ImportResumer.class);

    private final ImportService imports;
    private final ImportTasks tasks;
    private final Clock clock;
    private final Duration staleAfter;
    private final boolean enabled;

    ImportResumer(ImportService imports, ImportTasks tasks, Clock clock,
                  @Value("${opensop.imports.resume-stale-after:PT2M}") Duration staleAfter,
                  @Value("${opensop.imports.resume-enabled:true}") boolean enabled) {
        this.imports = imports;
        this.tasks = tasks;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        resumeStale();
    }

    @Scheduled(fixedDelayString = "${opensop.imports.resume-check:PT1M}",
            initialDelayString = "${opensop.imports.resume-check:PT1M}")
    void periodically() {
        resumeStale();
    }

    /** Claims and queues every stale interrupted job; returns how many this node took. */
    int resumeStale() {
        if (!enabled) {
            return 0;
        }
        OffsetDateTime limit = OffsetDateTime.now(clock).minus(staleAfter);
        int resumed = 0;
        for (ImportJob job : imports.interrupted()) {
            if (tasks.isRunning(job.id()) || job.updatedAt().isAfter(limit)) {
                continue;
            }
            Optional<Actor> starter = imports.starter(job);
            if (starter.isEmpty()) {
                LOG.warn("import {} cannot resume: its user {} is gone or disabled", job.id(), job.createdBy());
                continue;
            }
            if (!imports.claimInterrupted(job)) {
                continue; // another node took it
            }
            try {
                tasks.submit(job.id(), () -> imports.resume(starter.get(), job.formKey(), job.id()));
                LOG.info("resuming import {} of {} after row {}", job.id(), job.formKey(), job.lastCommittedRow());
                resumed++;
            } catch (RuntimeException e) {
                LOG.warn("import {} not resumed now: {}", job.id(), e.toString());
            }
        }
        return resumed;
    }
}
