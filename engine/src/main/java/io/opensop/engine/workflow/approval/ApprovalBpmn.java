package io.opensop.engine.workflow.approval;

import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.support.Json;
import io.opensop.engine.workflow.WorkflowNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an approval flow as BPMN 2.0 with Camunda extensions and diagram shapes (BPMNDI), laid out
 * left to right: start, submit, the steps, {@code approved}; rejections leave each decision step
 * through an error boundary event ({@code <step>_rejected}) to {@code rejected}, the submitter's step
 * or an earlier step. Only standard BPMN and our allowlisted building blocks appear.
 */
final class ApprovalBpmn {

    static final String REJECTED_ERROR = "approval_rejected";
    static final String REJECTED_ERROR_CODE = "opensop.rejected";
    static final String PROP_TYPE = "opensop.approval";
    static final String PROP_ASSIGNEES = "opensop.assignees";
    static final String PROP_RATIO = "opensop.ratio";

    private static final int TASK_W = 100;
    private static final int TASK_H = 80;
    private static final int EVENT = 36;
    private static final int SLOT = 150;
    private static final int TOP = 80;
    private static final int MID = TOP + TASK_H / 2;
    private static final int RETURN_Y = TOP + TASK_H + 60;
    private static final int REJECT_Y = TOP + TASK_H + 120;

    private record Node(String id, boolean event, int x) {
        int left() {
            return event ? x + (TASK_W - EVENT) / 2 : x;
        }

        int right() {
            return event ? left() + EVENT : x + TASK_W;
        }

        int centerX() {
            return x + TASK_W / 2;
        }
    }

    private ApprovalBpmn() {
    }

    static String write(ApprovalFlow flow) {
        StringBuilder process = new StringBuilder();
        StringBuilder shapes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<String[]> flows = new ArrayList<>();
        int x = 100;

        nodes.put("start", new Node("start", true, x));
        process.append("    <bpmn:startEvent id=\"start\" name=\"Start\"/>\n");
        String previous = "start";
        if (flow.withSubmitStep()) {
            x += SLOT;
            nodes.put("submit", new Node("submit", false, x));
            process.append("    <bpmn:userTask id=\"submit\" name=\"Submit\" camunda:assignee=\"")
                    .append(attr("${" + WorkflowNames.SUBMITTER + "}")).append("\" camunda:formKey=\"")
                    .append(attr(flow.form())).append("\"/>\n");
            flows.add(new String[] {previous, "submit"});
            previous = "submit";
        }
        for (ApprovalStep step : flow.steps()) {
            x += SLOT;
            nodes.put(step.id(), new Node(step.id(), false, x));
            process.append(ApprovalStep.CC.equals(step.type()) ? carbonCopy(step) : userTask(flow, step));
            flows.add(new String[] {previous, step.id()});
            previous = step.id();
        }
        x += SLOT;
        nodes.put("approved", new Node("approved", true, x));
        flows.add(new String[] {previous, "approved"});
        process.append("    <bpmn:endEvent id=\"approved\" name=\"Approved\"/>\n");
        boolean anyRejectToEnd = flow.steps().stream()
                .anyMatch(s -> !ApprovalStep.CC.equals(s.type()) && ApprovalStep.REJECT_END.equals(s.rejectTarget()));
        Node rejected = new Node("rejected", true, x);
        if (anyRejectToEnd) {
            process.append("    <bpmn:endEvent id=\"rejected\" name=\"Rejected\"/>\n");
        }

        for (String[] f : flows) {
            String id = "flow_" + f[0] + "_" + f[1];
            process.append("    <bpmn:sequenceFlow id=\"").append(id).append("\" sourceRef=\"").append(f[0])
                    .append("\" targetRef=\"").append(f[1]).append("\"/>\n");
            Node from = nodes.get(f[0]);
            Node to = nodes.get(f[1]);
            edges.append(edge(id, new int[][] {{from.right(), MID}, {to.left(), MID}}));
        }

        for (ApprovalStep step : flow.steps()) {
            if (ApprovalStep.CC.equals(step.type())) {
                continue;
            }
            Node task = nodes.get(step.id());
            String boundary = step.id() + "_rejected";
            process.append("    <bpmn:boundaryEvent id=\"").append(boundary).append("\" name=\"Rejected\" attachedToRef=\"")
                    .append(step.id()).append("\">\n      <bpmn:errorEventDefinition id=\"").append(boundary)
                    .append("_def\" errorRef=\"").append(REJECTED_ERROR).append("\"/>\n    </bpmn:boundaryEvent>\n");
            int bx = task.x + TASK_W - EVENT / 2 - 10;
            int by = TOP + TASK_H - EVENT / 2;
            shapes.append(shape(boundary, bx, by, EVENT, EVENT));
            int bcx = bx + EVENT / 2;
            String target = step.rejectTarget();
            String targetId = switch (target) {
                case ApprovalStep.REJECT_END -> "rejected";
                case ApprovalStep.REJECT_SUBMITTER -> "submit";
                default -> target;
            };
            String flowId = "flow_" + boundary + "_" + targetId;
            process.append("    <bpmn:sequenceFlow id=\"").append(flowId).append("\" sourceRef=\"").append(boundary)
                    .append("\" targetRef=\"").append(targetId).append("\"/>\n");
            if ("rejected".equals(targetId)) {
                edges.append(edge(flowId, new int[][] {{bcx, by + EVENT}, {bcx, REJECT_Y + EVENT / 2},
                        {rejected.left(), REJECT_Y + EVENT / 2}}));
            } else {
                Node back = nodes.get(targetId);
                edges.append(edge(flowId, new int[][] {{bcx, by + EVENT}, {bcx, RETURN_Y},
                        {back.centerX(), RETURN_Y}, {back.centerX(), TOP + TASK_H}}));
            }
        }

        for (Node node : nodes.values()) {
            if (node.event) {
                shapes.append(shape(node.id, node.left(), MID - EVENT / 2, EVENT, EVENT));
            } else {
                shapes.append(shape(node.id, node.x, TOP, TASK_W, TASK_H));
            }
        }
        if (anyRejectToEnd) {
            shapes.append(shape("rejected", rejected.left(), REJECT_Y, EVENT, EVENT));
        }

        String name = text(flow.name(), flow.key());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                    xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="definitions_%1$s" targetNamespace="http://opensop.io/approval" exporter="OpenSOP approval builder">
                  <bpmn:error id="%3$s" name="Rejected" errorCode="%4$s"/>
                  <bpmn:process id="%1$s" name="%2$s" isExecutable="true">
                %5$s  </bpmn:process>
                  <bpmndi:BPMNDiagram id="diagram_%1$s">
                    <bpmndi:BPMNPlane id="plane_%1$s" bpmnElement="%1$s">
                %6$s%7$s    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(flow.key(), attr(name), REJECTED_ERROR, REJECTED_ERROR_CODE, process, shapes, edges);
    }

    /** One step's element on its own, declaring the namespaces it uses (for the designer's palette). */
    static String element(ApprovalFlow flow, ApprovalStep step) {
        String xml = (ApprovalStep.CC.equals(step.type()) ? carbonCopy(step) : userTask(flow, step)).strip();
        int afterName = xml.indexOf(' ');
        return xml.substring(0, afterName) + " xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"" + xml.substring(afterName) + "\n";
    }

    private static String userTask(ApprovalFlow flow, ApprovalStep step) {
        AssigneeSpec who = step.who();
        StringBuilder xml = new StringBuilder("    <bpmn:userTask id=\"").append(step.id()).append("\" name=\"")
                .append(attr(text(step.name(), defaultName(step)))).append("\"");
        String formKey = step.section() == null ? flow.form() : flow.form() + "#" + step.section();
        if (step.multiInstance()) {
            xml.append(" camunda:assignee=\"").append(attr(WorkflowNames.APPROVER)).append("\"");
        } else if (who.user() != null) {
            xml.append(" camunda:assignee=\"").append(attr(who.user())).append("\"");
        } else if (who.users() != null) {
            xml.append(" camunda:candidateUsers=\"").append(attr(String.join(",", who.users()))).append("\"");
        } else if (who.role() != null) {
            xml.append(" camunda:candidateGroups=\"").append(attr(who.role())).append("\"");
        } else if (Boolean.TRUE.equals(who.submitter())) {
            xml.append(" camunda:assignee=\"").append(attr("${" + WorkflowNames.SUBMITTER + "}")).append("\"");
        } else {
            xml.append(" camunda:assignee=\"").append(attr(WorkflowNames.APPROVAL_ASSIGNEE)).append("\"");
        }
        xml.append(" camunda:formKey=\"").append(attr(formKey)).append("\">\n");
        xml.append(properties(step));
        if (step.multiInstance()) {
            xml.append("      <bpmn:multiInstanceLoopCharacteristics camunda:collection=\"")
                    .append(attr(WorkflowNames.APPROVAL_ASSIGNEES)).append("\" camunda:elementVariable=\"approver\">\n")
                    .append("        <bpmn:completionCondition xsi:type=\"bpmn:tFormalExpression\">")
                    .append(attr(WorkflowNames.APPROVAL_COMPLETE)).append("</bpmn:completionCondition>\n")
                    .append("      </bpmn:multiInstanceLoopCharacteristics>\n");
        }
        return xml.append("    </bpmn:userTask>\n").toString();
    }

    private static String carbonCopy(ApprovalStep step) {
        return "    <bpmn:serviceTask id=\"" + step.id() + "\" name=\"" + attr(text(step.name(), defaultName(step)))
                + "\" camunda:delegateExpression=\"" + attr(WorkflowNames.CARBON_COPY) + "\">\n" + properties(step)
                + "    </bpmn:serviceTask>\n";
    }

    private static String properties(ApprovalStep step) {
        StringBuilder xml = new StringBuilder("      <bpmn:extensionElements>\n        <camunda:properties>\n");
        xml.append(property(PROP_TYPE, step.type()));
        xml.append(property(PROP_ASSIGNEES, Json.write(step.who())));
        if (step.ratio() != null) {
            xml.append(property(PROP_RATIO, step.ratio()));
        }
        return xml.append("        </camunda:properties>\n      </bpmn:extensionElements>\n").toString();
    }

    private static String property(String name, String value) {
        return "          <camunda:property name=\"" + attr(name) + "\" value=\"" + attr(value) + "\"/>\n";
    }

    private static String defaultName(ApprovalStep step) {
        return switch (step.type()) {
            case ApprovalStep.COUNTERSIGN -> "Countersign 会签";
            case ApprovalStep.ANYONE -> "Any one 或签";
            case ApprovalStep.RATIO -> "Approval by " + step.ratio();
            case ApprovalStep.CC -> "Carbon copy 抄送";
            default -> "Approval";
        } + " (" + step.id() + ")";
    }

    private static String text(LocalizedText text, String fallback) {
        if (text == null || text.asMap().isEmpty()) {
            return fallback;
        }
        Map<String, String> byLanguage = text.asMap();
        return byLanguage.getOrDefault("zh-CN", byLanguage.getOrDefault("en", byLanguage.values().iterator().next()));
    }

    private static String shape(String element, int x, int y, int w, int h) {
        return "      <bpmndi:BPMNShape id=\"" + element + "_di\" bpmnElement=\"" + element + "\">\n"
                + "        <dc:Bounds x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\"/>\n"
                + "      </bpmndi:BPMNShape>\n";
    }

    private static String edge(String element, int[][] points) {
        StringBuilder xml = new StringBuilder("      <bpmndi:BPMNEdge id=\"").append(element).append("_di\" bpmnElement=\"")
                .append(element).append("\">\n");
        for (int[] p : points) {
            xml.append("        <di:waypoint x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\"/>\n");
        }
        return xml.append("      </bpmndi:BPMNEdge>\n").toString();
    }

    static String attr(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
