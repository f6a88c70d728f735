package io.opensop.designer.bpmn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * What the modeler tells the server about the selected element: its BPMN type and name, the
 * Camunda attributes and {@code camunda:properties} our engine reads, and for flows the condition,
 * for timer events the duration, for steps where a rejection goes and which user tasks come before.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiagramElement(String id, String type, String name, Map<String, String> attrs,
                             Map<String, String> properties, boolean multiInstance, String sourceType,
                             String condition, String conditionLanguage, String timer, String rejectTarget,
                             List<String> earlierSteps) {

    public DiagramElement {
        attrs = attrs == null ? Map.of() : Map.copyOf(attrs);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        earlierSteps = earlierSteps == null ? List.of() : List.copyOf(earlierSteps);
    }

    public boolean isUserTask() {
        return "bpmn:UserTask".equals(type);
    }

    public boolean isStep() {
        return isUserTask() || ("bpmn:ServiceTask".equals(type) && properties.containsKey("opensop.approval"));
    }

    public boolean isConditionalFlow() {
        return "bpmn:SequenceFlow".equals(type) && sourceType != null && sourceType.endsWith("Gateway");
    }

    public boolean isTimer() {
        return timer != null;
    }
}
