package io.opensop.engine.workflow;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import java.nio.charset.StandardCharsets;

/** Process models and the form they work on, as an admin would import them. */
final class Models {

    private Models() {
    }

    static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                id="defs" targetNamespace="http://opensop.io/test">
            """;

    static FormDefinition deal() {
        return FormJson.read("""
                {"key":"deal","app":"crm","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true,"maxLength":100},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"合同金额"},"currency":"CNY"},
                   {"key":"approved","type":"boolean","label":{"en":"Approved"}},
                   {"key":"notes","type":"long_text","label":{"en":"Notes"}}
                 ]}
                """);
    }

    /** Submit (the submitter), then manager, then finance: a sequential two-step approval. */
    static String approval() {
        return HEAD + """
                  <bpmn:process id="deal_approval" name="Deal approval" isExecutable="true">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit"/>
                    <bpmn:userTask id="submit" name="Submit" camunda:assignee="${submitter}" camunda:formKey="deal"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="manager"/>
                    <bpmn:userTask id="manager" name="Manager approval" camunda:candidateGroups="manager" camunda:formKey="deal#approval"/>
                    <bpmn:sequenceFlow id="f3" sourceRef="manager" targetRef="finance"/>
                    <bpmn:userTask id="finance" name="Finance approval" camunda:candidateGroups="finance" camunda:formKey="deal"/>
                    <bpmn:sequenceFlow id="f4" sourceRef="finance" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    /** Submit, then a gateway on the record's amount: directors see big deals, managers the rest. */
    static String routing() {
        return HEAD + """
                  <bpmn:process id="deal_routing" name="Deal routing" isExecutable="true">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit"/>
                    <bpmn:userTask id="submit" name="Submit" camunda:assignee="${submitter}" camunda:formKey="deal"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="size"/>
                    <bpmn:exclusiveGateway id="size" default="small"/>
                    <bpmn:sequenceFlow id="big" sourceRef="size" targetRef="director">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="opensop-formula">amount >= 50000</bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="small" sourceRef="size" targetRef="manager"/>
                    <bpmn:userTask id="director" name="Director approval" camunda:candidateGroups="director" camunda:formKey="deal"/>
                    <bpmn:userTask id="manager" name="Manager approval" camunda:candidateGroups="manager" camunda:formKey="deal"/>
                    <bpmn:sequenceFlow id="f3" sourceRef="director" targetRef="end"/>
                    <bpmn:sequenceFlow id="f4" sourceRef="manager" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
    }

    /** One executable process around the given elements; flows are up to the caller. */
    static String process(String id, String body) {
        return HEAD + "  <bpmn:process id=\"" + id + "\" isExecutable=\"true\">\n" + body
                + "\n  </bpmn:process>\n</bpmn:definitions>\n";
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
