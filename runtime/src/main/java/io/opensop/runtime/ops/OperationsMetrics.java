package io.opensop.runtime.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opensop.engine.record.RecordChanged;
import io.opensop.engine.sla.SlaBreached;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.spring.boot.starter.event.TaskEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * OpenSOP's own metrics next to the JVM, HTTP and pool ones that Spring Boot exports (all at
 * {@code /actuator/prometheus}). Counters count on the node that did the work, after its
 * transaction committed, so a rolled-back save counts nothing and the cluster-wide figure is the
 * sum over nodes; the job gauges read the shared job table, so every node reports the same value.
 */
@Component
class OperationsMetrics {

    private final MeterRegistry registry;
    private final Counter tasksCompleted;

    OperationsMetrics(MeterRegistry registry, ManagementService jobs) {
        this.registry = registry;
        this.tasksCompleted = Counter.builder("opensop.tasks.completed")
                .description("User tasks completed (approvals, record tasks)")
                .register(registry);
        Gauge.builder("opensop.jobs.due", jobs, j -> j.createJobQuery().executable().active().count())
                .description("Camunda jobs due now and not yet run (SLA timers, reports), across the cluster")
                .register(registry);
        Gauge.builder("opensop.jobs.failed", jobs, j -> j.createJobQuery().noRetriesLeft().count())
                .description("Camunda jobs that ran out of retries and wait for an operator")
                .register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recordSaved(RecordChanged change) {
        Counter.builder("opensop.records.saved")
                .description("Record writes (create, update, delete, restore, stage moves)")
                .tag("form", change.formKey())
                .tag("action", change.action())
                .register(registry)
                .increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void taskChanged(TaskEvent task) {
        if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
            tasksCompleted.increment();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void slaBreached(SlaBreached breach) {
        Counter.builder("opensop.sla.breaches")
                .description("SLA steps that came due and fired (reminders, escalations, overdue notices)")
                .tag("form", breach.formKey())
                .register(registry)
                .increment();
    }
}
