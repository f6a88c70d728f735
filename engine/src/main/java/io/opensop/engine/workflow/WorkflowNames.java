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

    /** JUEL expressions a model may contain, verbatim; anything else with ${ or #{ is refused. */
    public static final Set<String> ALLOWED_EXPRESSIONS = Set.of("${" + SUBMITTER + "}");

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    static final String ACTIVITI_NS = "http://activiti.org/bpmn";
    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private WorkflowNames() {
    }
}
