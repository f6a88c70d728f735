package io.opensop.engine.workflow.pipeline;

import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.support.Json;
import java.util.Map;

/**
 * The BPMN a pipeline compiles to: one process per form ({@code <form>_pipeline}), one instance per
 * record, a receive task per stage ({@code stage_<key>}) in order, so the instance waits in the
 * record's stage. Stage moves place the token (forward and back); admins may refine the model (e.g.
 * boundary timers for SLAs, which read the stage's {@code opensop.sla} property) as long as the
 * stage elements keep their ids.
 */
final class PipelineBpmn {

    private static final int SLOT = 150;
    private static final int TOP = 80;
    private static final int MID = TOP + 40;

    private PipelineBpmn() {
    }

    static String processId(String formKey) {
        return formKey + "_pipeline";
    }

    static String stageId(String stageKey) {
        return "stage_" + stageKey;
    }

    static String write(String formKey, LocalizedText formLabel, Pipeline pipeline) {
        String id = processId(formKey);
        StringBuilder process = new StringBuilder();
        StringBuilder shapes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        int x = 100;
        process.append("    <bpmn:startEvent id=\"start\"/>\n");
        shapes.append(shape("start", x + 32, MID - 18, 36, 36));
        String previous = "start";
        int previousRight = x + 68;
        for (PipelineStage stage : pipeline.stages()) {
            x += SLOT;
            String stageId = stageId(stage.key());
            process.append("    <bpmn:receiveTask id=\"").append(stageId).append("\" name=\"")
                    .append(attr(label(stage.label(), stage.key()))).append("\">\n")
                    .append("      <bpmn:extensionElements>\n        <camunda:properties>\n")
                    .append("          <camunda:property name=\"opensop.stage\" value=\"").append(attr(stage.key()))
                    .append("\"/>\n");
            if (stage.sla() != null && !stage.sla().isNull()) {
                process.append("          <camunda:property name=\"opensop.sla\" value=\"")
                        .append(attr(Json.write(stage.sla()))).append("\"/>\n");
            }
            process.append("        </camunda:properties>\n      </bpmn:extensionElements>\n    </bpmn:receiveTask>\n");
            shapes.append(shape(stageId, x, TOP, 100, 80));
            flow(process, edges, previous, stageId, previousRight, x);
            previous = stageId;
            previousRight = x + 100;
        }
        x += SLOT;
        process.append("    <bpmn:endEvent id=\"end\"/>\n");
        shapes.append(shape("end", x + 32, MID - 18, 36, 36));
        flow(process, edges, previous, "end", previousRight, x + 32);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                    xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="definitions_%1$s" targetNamespace="http://opensop.io/pipeline" exporter="OpenSOP pipeline">
                  <bpmn:process id="%1$s" name="%2$s" isExecutable="true">
                %3$s  </bpmn:process>
                  <bpmndi:BPMNDiagram id="diagram_%1$s">
                    <bpmndi:BPMNPlane id="plane_%1$s" bpmnElement="%1$s">
                %4$s%5$s    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(id, attr(label(formLabel, formKey) + " pipeline"), process, shapes, edges);
    }

    private static void flow(StringBuilder process, StringBuilder edges, String from, String to, int x1, int x2) {
        String id = "flow_" + from + "_" + to;
        process.append("    <bpmn:sequenceFlow id=\"").append(id).append("\" sourceRef=\"").append(from)
                .append("\" targetRef=\"").append(to).append("\"/>\n");
        edges.append("      <bpmndi:BPMNEdge id=\"").append(id).append("_di\" bpmnElement=\"").append(id).append("\">\n")
                .append("        <di:waypoint x=\"").append(x1).append("\" y=\"").append(MID).append("\"/>\n")
                .append("        <di:waypoint x=\"").append(x2).append("\" y=\"").append(MID).append("\"/>\n")
                .append("      </bpmndi:BPMNEdge>\n");
    }

    private static String shape(String element, int x, int y, int w, int h) {
        return "      <bpmndi:BPMNShape id=\"" + element + "_di\" bpmnElement=\"" + element + "\">\n"
                + "        <dc:Bounds x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\"/>\n"
                + "      </bpmndi:BPMNShape>\n";
    }

    private static String label(LocalizedText text, String fallback) {
        if (text == null || text.asMap().isEmpty()) {
            return fallback;
        }
        Map<String, String> byLanguage = text.asMap();
        return byLanguage.getOrDefault("zh-CN", byLanguage.getOrDefault("en", fallback));
    }

    private static String attr(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
