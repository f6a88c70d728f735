package io.opensop.engine.sla;

/**
 * An SLA clock's step came due and fired (its reminder, escalation or overdue notice went out),
 * published inside the timer job's transaction: counted once per step however many nodes run jobs.
 *
 * @param step the step's index in the policy, from 0
 */
public record SlaBreached(String formKey, long recordId, String policyKey, int step) {
}
