package io.opensop.engine.workflow.approval;

import io.opensop.engine.support.Json;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** The {@code camunda:properties} the builder writes on a step: its kind, its assignees, its ratio. */
record StepProperties(String activityId, Map<String, String> values) {

    private static final String MI_BODY = "#multiInstanceBody";

    static StepProperties of(DelegateExecution execution) {
        String activity = execution.getCurrentActivityId();
        if (activity != null && activity.endsWith(MI_BODY)) {
            activity = activity.substring(0, activity.length() - MI_BODY.length());
        }
        return of(execution.getBpmnModelInstance(), activity);
    }

    static StepProperties of(BpmnModelInstance model, String activityId) {
        Map<String, String> values = new HashMap<>();
        ModelElementInstance element = model.getModelElementById(activityId);
        if (element instanceof BaseElement base) {
            ExtensionElements extensions = base.getExtensionElements();
            if (extensions != null) {
                for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
                    for (CamundaProperty property : properties.getCamundaProperties()) {
                        if (property.getCamundaName() != null && property.getCamundaValue() != null) {
                            values.put(property.getCamundaName(), property.getCamundaValue());
                        }
                    }
                }
            }
        }
        return new StepProperties(activityId, values);
    }

    String type() {
        return values.get(ApprovalBpmn.PROP_TYPE);
    }

    String ratio() {
        return values.get(ApprovalBpmn.PROP_RATIO);
    }

    AssigneeSpec assignees() {
        String json = values.get(ApprovalBpmn.PROP_ASSIGNEES);
        return json == null ? null : Json.read(json, AssigneeSpec.class);
    }
}
