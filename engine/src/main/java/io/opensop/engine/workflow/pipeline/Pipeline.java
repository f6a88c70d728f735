package io.opensop.engine.workflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.support.Json;
import java.util.List;
import java.util.Optional;

/**
 * A form's stage pipeline ({@code FormDefinition.pipeline}): ordered stages, each with entry gates
 * and optional SLA settings (stored for the SLA feature, not interpreted here).
 * <pre>{"stages": [
 *   {"key": "lead", "label": {"en": "Lead", "zh-CN": "线索"}},
 *   {"key": "quote", "label": {...}, "gates": [{"type": "required", "field": "amount"}],
 *    "sla": {"dwell": "P3D"}},
 *   {"key": "contract", "label": {...}, "gates": [
 *     {"type": "rule", "key": "margin_ok", "formula": "margin >= 0.1", "field": "margin"},
 *     {"type": "attachment", "field": "contract_file"},
 *     {"type": "approval", "process": "deal_approval"}]}]}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pipeline(List<PipelineStage> stages) {

    public Pipeline {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** The pipeline of a form, empty when it has none. */
    public static Optional<Pipeline> of(FormDefinition form) {
        JsonNode node = form.pipeline();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(parse(node));
    }

    /** @throws IllegalArgumentException when the JSON does not have the pipeline's shape */
    public static Pipeline parse(JsonNode node) {
        try {
            return Json.mapper().treeToValue(node, Pipeline.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    public int indexOf(String stageKey) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key() != null && stages.get(i).key().equals(stageKey)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<PipelineStage> stage(String key) {
        int index = indexOf(key);
        return index < 0 ? Optional.empty() : Optional.of(stages.get(index));
    }
}
