package io.opensop.engine.sla;

import java.time.OffsetDateTime;

/**
 * An SLA clock as the API shows it. {@code breached} is the "red" mark: a step has fired.
 *
 * @param status {@code running}, {@code paused}, {@code met} (its {@code until} came true), {@code stopped}
 *               (task ended, record deleted or reset away) or {@code done} (every step fired)
 */
public record ClockView(long id, String formKey, long recordId, String policy, String activityId, String taskId,
                        String status, boolean breached, OffsetDateTime startedAt, OffsetDateTime dueAt,
                        int nextStep) {
}
