package io.opensop.engine.workflow;

/** A process instance started for a record. */
public record StartedProcess(String processInstanceId, String processKey, int processVersion, String formKey,
                             long recordId, boolean ended) {
}
