package io.opensop.engine.testing;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;

/** Form definitions the tests share, written as the JSON a designer would send. */
public final class Forms {

    private Forms() {
    }

    /** The definition with one more field, given as JSON. */
    public static FormDefinition withField(FormDefinition definition, String fieldJson) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = FormJson.toTree(definition);
            ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("fields"))
                    .add(io.opensop.engine.support.Json.mapper().readTree(fieldJson));
            return FormJson.read(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * An offer whose approval step edits only its {@code review} section and must explain the decision in
     * ten characters (a rule scoped {@code task:manager}): the decisions-with-edits tests' form.
     */
    public static FormDefinition offerUnderReview(String key) {
        return FormJson.read("""
                {"key":"%s","label":{"en":"Offer"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"amount","type":"money","label":{"en":"Amount"},"currency":"CNY"},
                   {"key":"review_note","type":"text","label":{"en":"Review note"}}],
                 "sections":[{"key":"main","fields":["name","amount"]},{"key":"review","fields":["review_note"]}],
                 "rules":[{"key":"explained","scope":"task:manager","fields":["review_note"],
                           "expression":"NOT(ISBLANK(review_note)) AND LEN(review_note) >= 10",
                           "message":{"en":"Explain the decision in a sentence"}}]}
                """.formatted(key));
    }

    /** The offer's flow: submit, then {@code manager} (user {@code approver}, the review section; a rejection returns to the submitter). */
    public static io.opensop.engine.workflow.approval.ApprovalFlowBuilder offerReview(String flowKey, String formKey,
                                                                                   String approver) {
        return io.opensop.engine.workflow.approval.ApprovalFlowBuilder.flow(flowKey, formKey)
                .step(new io.opensop.engine.workflow.approval.ApprovalStep("manager",
                        io.opensop.engine.workflow.approval.ApprovalStep.SEQUENTIAL, null,
                        io.opensop.engine.workflow.approval.AssigneeSpec.ofUser(approver), null, null,
                        io.opensop.engine.workflow.approval.ApprovalStep.REJECT_SUBMITTER, "review"));
    }

    public static FormDefinition customer() {
        return FormJson.read("""
                {"key":"customer","app":"crm","label":{"en":"Customer","zh-CN":"客户"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true},
                   {"key":"industry","type":"single_select","label":{"en":"Industry","zh-CN":"行业"},
                    "options":[{"key":"it","label":{"en":"IT"}},{"key":"retail","label":{"en":"Retail","zh-CN":"零售"}}]}
                 ]}
                """);
    }

    /** A form with one field of every stored type. */
    public static FormDefinition deal() {
        return FormJson.read("""
                {"key":"deal","app":"crm","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true,"maxLength":100},
                   {"key":"notes","type":"long_text","label":{"en":"Notes"}},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"合同金额"},"currency":"CNY"},
                   {"key":"rate","type":"percent","label":{"en":"Rate"}},
                   {"key":"quantity","type":"number","label":{"en":"Quantity"},"precision":10,"scale":0},
                   {"key":"close_date","type":"date","label":{"en":"Close date"}},
                   {"key":"signed_at","type":"datetime","label":{"en":"Signed at"}},
                   {"key":"won","type":"boolean","label":{"en":"Won"}},
                   {"key":"level","type":"single_select","label":{"en":"Level"},
                    "options":[{"key":"a","label":{"en":"A"}},{"key":"b","label":{"en":"B","zh-CN":"乙"}}]},
                   {"key":"tags","type":"multi_select","label":{"en":"Tags"},
                    "options":[{"key":"hot","label":{"en":"Hot"}},{"key":"vip","label":{"en":"VIP"}}]},
                   {"key":"rep","type":"user","label":{"en":"Rep"}},
                   {"key":"customer","type":"reference","target":"customer","label":{"en":"Customer"}},
                   {"key":"lines","type":"sub_form","label":{"en":"Lines"},"fields":[
                      {"key":"product","type":"text","label":{"en":"Product"},"required":true},
                      {"key":"qty","type":"number","label":{"en":"Qty"}},
                      {"key":"price","type":"money","label":{"en":"Price"}}]},
                   {"key":"files","type":"attachment","label":{"en":"Files"},"maxSize":1000},
                   {"key":"code","type":"auto_number","label":{"en":"Code"},"pattern":"HT-{yyyy}-{0000}"}
                 ]}
                """);
    }
}
