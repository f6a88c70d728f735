package io.opensop.engine.workflow;

import java.util.Set;

/**
 * The names a model and the engine share: our condition language, the process variables the
 * bridge sets, and the expressions a model may use. Models are checked against these on publish.
 */
public final class WorkflowNames {

    /** {@code <conditionExpression language="opensop-formula">amount >= 50000</conditionExpression>} */
    public static final String FORMULA_LANGUAGE = "opensop-formula";

    /** The record the process is about: its id (Long) and form key. Processes never hold whole records. */
    public static final String RECORD_ID = "recordId";
    public static final String FORM_KEY = "formKey";
    /** Username of whoever started the process; {@code camunda:assignee="${submitter}"} routes a task back to them. */
    public static final String SUBMITTER = "submitter";
    /** Our model key, which may differ from the BPMN process id. */
    public static final String MODEL_KEY = "processModel";
    /** Set when a task was returned; cleared when the returned-to task is completed. */
    public static final String RETURN_REASON = "returnReason";
    public static final String RETURNED_BY = "returnedBy";
    public static final String RETURNED_FROM = "returnedFrom";

    /**
     * Building-block expressions the approval patterns generate (io.opensop.engine.workflow.approval):
     * a step's single assignee, a multi-instance step's approvers, each instance's approver, and the
     * completion condition of any-one and ratio steps. Allowed verbatim, nowhere else interpreted.
     */
    public static final String APPROVAL_ASSIGNEE = "${opensopApproval.assignee(execution)}";
    public static final String APPROVAL_ASSIGNEES = "${opensopApproval.assignees(execution)}";
    public static final String APPROVER = "${approver}";
    public static final String APPROVAL_COMPLETE = "${nrOfApproved >= nrOfRequired}";
    /** The carbon-copy building block ({@code camunda:delegateExpression} of a service task). */
    public static final String CARBON_COPY = "${opensopCarbonCopy}";
    /** The building blocks always on the delegate allowlist. */
    public static final Set<String> BUILDING_BLOCKS = Set.of(CARBON_COPY);

    /** JUEL expressions a model may contain, verbatim; anything else with ${ or #{ is refused. */
    public static final Set<String> ALLOWED_EXPRESSIONS = Set.of("${" + SUBMITTER + "}", APPROVAL_ASSIGNEE,
            APPROVAL_ASSIGNEES, APPROVER);

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String ACTIVITI_NS = "http://activiti.org/bpmn";
    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private WorkflowNames() {
    }
}
