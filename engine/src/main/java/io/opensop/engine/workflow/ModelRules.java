package io.opensop.engine.workflow;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a model may contain before it is deployed (docs/workflow.md). Only processes marked
 * {@code isExecutable="true"} are checked: Camunda deploys nothing else, so everything else is
 * documentation. Each problem names the id of the BPMN element at fault.
 *
 * <p>No model may run code: scripts and conditions must be in our formula language, Java
 * delegates come only from an allowlist of building blocks, no JUEL beyond a few fixed variable
 * references, no external resources, connectors, external tasks or decision tables.
 */
final class ModelRules {

    /** Camunda attributes that name code or reach outside the engine. */
    private static final Set<String> DELEGATE_ATTRIBUTES = Set.of("class", "delegateExpression", "expression");
    private static final Set<String> REFUSED_ATTRIBUTES = Set.of("resource", "type", "topic", "decisionRef",
            "caseRef", "variableMappingClass", "variableMappingDelegateExpression", "errorCodeVariable",
            "errorMessageVariable");
    private static final Set<String> REFUSED_CAMUNDA_ELEMENTS = Set.of("connector", "expression");
    private static final Set<String> UNSUPPORTED_BPMN_ELEMENTS = Set.of("completionCondition", "loopCondition");
    private static final Set<String> FREE_TEXT = Set.of("documentation", "text");

    /**
     * Process ids the system deploys itself (the weekly report, {@code opensop_weekly_report}) start
     * with this; a user's model may not, so it can never replace or pose as one of them.
     */
    static final String RESERVED_PREFIX = "opensop_";

    private final Function<String, Optional<FormDefinition>> forms;
    private final FormulaEngine formulas;
    private final Set<String> allowedDelegates;

    ModelRules(Function<String, Optional<FormDefinition>> forms, FormulaEngine formulas, Set<String> allowedDelegates) {
        this.forms = forms;
        this.formulas = formulas;
        this.allowedDelegates = Set.copyOf(allowedDelegates);
    }

    static boolean isReserved(String id) {
        return id != null && id.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    /** The ids of the executable processes, in document order. */
    static List<String> executableProcessIds(BpmnModelInstance model) {
        List<String> ids = new ArrayList<>();
        for (Element process : processes(model)) {
            if ("true".equals(process.getAttribute("isExecutable").trim())) {
                ids.add(process.getAttribute("id"));
            }
        }
        return ids;
    }

    static List<String> processIds(BpmnModelInstance model) {
        return processes(model).stream().map(p -> p.getAttribute("id")).toList();
    }

    private static List<Element> processes(BpmnModelInstance model) {
        Document document = (Document) model.getDocument().getDomSource().getNode();
        List<Element> found = new ArrayList<>();
        for (Node n = document.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WorkflowNames.BPMN_NS.equals(e.getNamespaceURI())
                    && "process".equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The form each executable process works on, as named by its user tasks' {@code camunda:formKey}. */
    static Optional<String> formOf(Element process) {
        Set<String> keys = formKeys(process);
        return keys.size() == 1 ? Optional.of(keys.iterator().next()) : Optional.empty();
    }

    List<Problem> check(BpmnModelInstance model) {
        List<Problem> problems = new ArrayList<>();
        for (Element process : processes(model)) {
            String processId = process.getAttribute("id");
            if (isReserved(processId)) {
                problems.add(Problem.of(processId, "reserved_process_id", processId, RESERVED_PREFIX));
            }
            if (!"true".equals(process.getAttribute("isExecutable").trim())) {
                continue;
            }
            Set<String> formKeys = formKeys(process);
            FormulaSchema schema = null;
            if (formKeys.size() > 1) {
                problems.add(Problem.of(processId, "several_forms", String.join(", ", formKeys)));
            } else if (formKeys.size() == 1) {
                String key = formKeys.iterator().next();
                Optional<FormDefinition> form = forms.apply(key);
                if (form.isEmpty()) {
                    problems.add(Problem.of(userTaskNaming(process, key), "unknown_form", key));
                } else {
                    schema = FormulaSchema.of(form.get(), forms);
                }
            }
            walk(process, processId, schema, problems);
        }
        return problems;
    }

    private void walk(Element element, String owner, FormulaSchema schema, List<Problem> problems) {
        String id = element.getAttribute("id");
        String at = id.isEmpty() ? owner : id;
        String ns = element.getNamespaceURI();
        String name = element.getLocalName();
        boolean camunda = isCamunda(ns);
        boolean formulaBody = false;

        if (camunda && REFUSED_CAMUNDA_ELEMENTS.contains(name)) {
            problems.add(Problem.of(at, "extension_not_allowed", "camunda:" + name));
        }
        if (WorkflowNames.BPMN_NS.equals(ns) && "completionCondition".equals(name)
                && WorkflowNames.APPROVAL_COMPLETE.equals(text(element).trim())) {
            formulaBody = true; // the approval building block's fixed condition, nothing else
        } else if (WorkflowNames.BPMN_NS.equals(ns) && UNSUPPORTED_BPMN_ELEMENTS.contains(name)) {
            problems.add(Problem.of(at, "element_not_supported", name));
        }
        if (WorkflowNames.BPMN_NS.equals(ns) && ("conditionExpression".equals(name) || "condition".equals(name))) {
            String language = element.getAttribute("language").trim();
            formulaBody = true;
            if (!WorkflowNames.FORMULA_LANGUAGE.equalsIgnoreCase(language)) {
                problems.add(Problem.of(at, "condition_language_refused",
                        language.isEmpty() ? "JUEL" : language, WorkflowNames.FORMULA_LANGUAGE));
            } else {
                checkFormula(at, text(element), schema, FormulaType.BOOLEAN, problems);
            }
        }
        if (("scriptTask".equals(name) && WorkflowNames.BPMN_NS.equals(ns)) || (camunda && "script".equals(name))) {
            String format = element.getAttribute("scriptFormat").trim();
            if (!WorkflowNames.FORMULA_LANGUAGE.equalsIgnoreCase(format)) {
                problems.add(Problem.of(at, "script_language_refused", format.isEmpty() ? "?" : format,
                        WorkflowNames.FORMULA_LANGUAGE));
            } else if (camunda) {
                formulaBody = true;
                checkFormula(at, text(element), schema, null, problems);
            }
        }
        if (WorkflowNames.BPMN_NS.equals(ns) && "script".equals(name)
                && element.getParentNode() instanceof Element parent
                && WorkflowNames.FORMULA_LANGUAGE.equalsIgnoreCase(parent.getAttribute("scriptFormat").trim())) {
            formulaBody = true;
            checkFormula(at, text(element), schema, null, problems);
        }

        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(attr.getNamespaceURI())) {
                continue;
            }
            String local = attr.getLocalName();
            String value = attr.getValue();
            if (isCamunda(attr.getNamespaceURI()) || (camunda && attr.getNamespaceURI() == null)) {
                if (DELEGATE_ATTRIBUTES.contains(local)) {
                    if (!allowedDelegates.contains(value.trim())) {
                        problems.add(Problem.of(at, "delegate_not_allowed", local, value));
                    }
                    continue;
                }
                if (REFUSED_ATTRIBUTES.contains(local)) {
                    problems.add(Problem.of(at, "extension_not_allowed", "camunda:" + local));
                    continue;
                }
            }
            if (containsExpression(value) && !WorkflowNames.ALLOWED_EXPRESSIONS.contains(value.trim())) {
                problems.add(Problem.of(at, "expression_refused", local, value));
            }
        }

        if (!formulaBody && !FREE_TEXT.contains(name)) {
            String own = text(element);
            if (containsExpression(own) && !WorkflowNames.ALLOWED_EXPRESSIONS.contains(own.trim())) {
                problems.add(Problem.of(at, "expression_refused", name, own.trim()));
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, at, schema, problems);
            }
        }
    }

    private void checkFormula(String at, String formula, FormulaSchema schema, FormulaType expected,
                              List<Problem> problems) {
        if (formula.isBlank()) {
            problems.add(Problem.of(at, "formula_empty"));
            return;
        }
        if (schema == null) {
            problems.add(Problem.of(at, "condition_needs_form"));
            return;
        }
        FormulaCheck check = formulas.check(formula.trim(), schema, expected);
        if (!check.ok()) {
            problems.add(Problem.of(at, "condition_invalid", formula.trim(),
                    check.errors().get(0).message(Locale.ENGLISH)));
        }
    }

    private static Set<String> formKeys(Element process) {
        Set<String> keys = new LinkedHashSet<>();
        collectFormKeys(process, keys);
        return keys;
    }

    private static void collectFormKeys(Element element, Set<String> keys) {
        if (WorkflowNames.BPMN_NS.equals(element.getNamespaceURI()) && "userTask".equals(element.getLocalName())) {
            String formKey = formKey(element);
            if (formKey != null) {
                keys.add(formKey);
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectFormKeys(e, keys);
            }
        }
    }

    /** The form a user task shows: {@code camunda:formKey="deal"} or {@code "deal#approval"} (form#section). */
    static String formKey(Element userTask) {
        String value = userTask.getAttributeNS(WorkflowNames.CAMUNDA_NS, "formKey");
        if (value.isBlank()) {
            value = userTask.getAttributeNS(WorkflowNames.ACTIVITI_NS, "formKey");
        }
        return value.isBlank() ? null : formPart(value);
    }

    static String formPart(String formKey) {
        if (formKey == null) {
            return null;
        }
        int hash = formKey.indexOf('#');
        return (hash < 0 ? formKey : formKey.substring(0, hash)).trim();
    }

    private static String userTaskNaming(Element element, String formKey) {
        if (WorkflowNames.BPMN_NS.equals(element.getNamespaceURI()) && "userTask".equals(element.getLocalName())
                && formKey.equals(formKey(element))) {
            return element.getAttribute("id");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                String found = userTaskNaming(e, formKey);
                if (found != null) {
                    return found;
                }
            }
        }
        return element.getParentNode() instanceof Document ? null
                : WorkflowNames.BPMN_NS.equals(element.getNamespaceURI()) && "process".equals(element.getLocalName())
                ? element.getAttribute("id") : null;
    }

    private static boolean isCamunda(String ns) {
        return WorkflowNames.CAMUNDA_NS.equals(ns) || WorkflowNames.ACTIVITI_NS.equals(ns);
    }

    private static boolean containsExpression(String value) {
        return value != null && (value.contains("${") || value.contains("#{"));
    }

    private static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }
}
