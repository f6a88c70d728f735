package io.opensop.engine.workflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * One stage of a pipeline.
 *
 * @param key   stable key, stored in the record's {@code stage}
 * @param gates what must hold for a record to enter the stage
 * @param sla   SLA clock settings (dwell time, escalation), stored as given for the SLA feature
 * @param enteredAt a datetime field the move stamps with the time the record first enters the stage
 *              (left alone when it already has a value), so formulas and period roll-ups can date the step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStage(String key, LocalizedText label, List<StageGate> gates, JsonNode sla, String enteredAt) {

    public PipelineStage {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }
}
