package io.opensop.engine.workflow.camundaforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.TooLargeException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.workflow.ProcessModel;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessVersion;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Imports a Camunda 7 process application: a BPMN model whose start events and user tasks name
 * form-js forms ({@code camunda:formKey="camunda-forms:deployment:invoice.form"} or
 * {@code camunda:formRef="Form_invoice"}) plus the form-js JSON files. A process works on one record
 * of one form, so all the Camunda forms become <b>sections of one form definition</b> (key: the
 * process id), and each user task shows its own section ({@code formKey="<form>#<section>"}).
 * Validation becomes server-side checks: {@code required} on a start-event form → the field is
 * required; on a task form → a {@code task:<activityId>} rule; {@code min}/{@code max}/
 * {@code minLength}/{@code maxLength} → formula rules (blank passes) scoped the same way, and
 * {@code maxLength} also the text field's length. {@code pattern} has no equivalent in the formula
 * language and is reported as a warning.
 */
public final class CamundaFormsImporter {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final int MAX_FORM_BYTES = 1024 * 1024;

    private final FormService forms;
    private final ProcessModelService models;

    public CamundaFormsImporter(FormService forms, ProcessModelService models) {
        this.forms = forms;
        this.models = models;
    }

    /** One form-js file as uploaded. */
    public record FormFile(String name, byte[] content) {
    }

    private record FormRef(Element element, boolean startEvent, String formId) {
    }

    /** Imports, publishes the form and publishes (deploys) the process; all or nothing is refused with problems. */
    public CamundaFormsImport importApplication(Actor actor, byte[] bpmn, List<FormFile> files) {
        Document document = parse(bpmn);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (FormFile file : files) {
            if (file.content().length > MAX_FORM_BYTES) {
                throw new TooLargeException(file.name(), MAX_FORM_BYTES);
            }
            try {
                JsonNode form = Json.mapper().readTree(file.content());
                if (!form.path("components").isArray()) {
                    problems.add(Problem.of(file.name(), "camunda_form_invalid", "components"));
                    continue;
                }
                String name = file.name() == null ? "" : file.name().replaceAll(".*[/\\\\]", "");
                byName.put(name, form);
                byName.put(name.replaceAll("\\.form$", ""), form);
                if (form.hasNonNull("id")) {
                    byId.put(form.get("id").asText(), form);
                }
            } catch (Exception e) {
                problems.add(Problem.of(String.valueOf(file.name()), "camunda_form_invalid", "JSON"));
            }
        }
        Element process = firstExecutableProcess(document);
        if (process == null) {
            throw new ValidationException(Problem.of("bpmn", "camunda_import_no_process"));
        }
        String processId = process.getAttribute("id");
        String formKey = key(processId, 28);
        List<FormRef> refs = new ArrayList<>();
        collect(process, refs);
        if (refs.isEmpty()) {
            problems.add(Problem.of(processId, "camunda_import_no_forms"));
        }
        Map<String, JsonNode> used = new LinkedHashMap<>();
        for (FormRef ref : refs) {
            JsonNode form = byId.containsKey(ref.formId()) ? byId.get(ref.formId()) : byName.get(ref.formId());
            if (form == null) {
                problems.add(Problem.of(ref.element().getAttribute("id"), "camunda_form_missing", ref.formId()));
            } else {
                used.putIfAbsent(ref.formId(), form);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }

        List<String> warnings = new ArrayList<>();
        ObjectNode definition = Json.mapper().createObjectNode();
        definition.put("key", formKey);
        String processName = process.getAttribute("name").isBlank() ? processId : process.getAttribute("name");
        definition.set("label", label(processName));
        ArrayNode fields = definition.putArray("fields");
        ArrayNode sections = definition.putArray("sections");
        ArrayNode rules = definition.putArray("rules");
        Map<String, ObjectNode> fieldsByKey = new LinkedHashMap<>();
        Map<String, String> sectionOf = new LinkedHashMap<>();
        List<String> sectionKeys = new ArrayList<>();
        Set<String> startFields = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : used.entrySet()) {
            String section = unique(key(entry.getKey().replaceAll("\\.form$", ""), 28), sectionKeys);
            sectionKeys.add(section);
            sectionOf.put(entry.getKey(), section);
            List<String> scopes = new ArrayList<>();
            boolean start = false;
            for (FormRef ref : refs) {
                if (ref.formId().equals(entry.getKey())) {
                    if (ref.startEvent()) {
                        start = true;
                    } else {
                        scopes.add("task:" + ref.element().getAttribute("id"));
                    }
                }
            }
            List<String> sectionFields = new ArrayList<>();
            components(entry.getValue().path("components"), fields, fieldsByKey, sectionFields, rules,
                    start ? List.of("always") : scopes, start, startFields, warnings, entry.getKey());
            ObjectNode s = sections.addObject();
            s.put("key", section);
            String title = entry.getValue().path("id").asText(entry.getKey());
            s.set("label", label(title));
            ArrayNode list = s.putArray("fields");
            sectionFields.forEach(list::add);
        }
        if (fieldsByKey.isEmpty()) {
            throw new ValidationException(Problem.of("forms", "camunda_import_no_fields"));
        }
        definition.put("titleField", fieldsByKey.entrySet().stream()
                .filter(e -> "text".equals(e.getValue().path("type").asText())).map(Map.Entry::getKey).findFirst()
                .orElse(fieldsByKey.keySet().iterator().next()));

        for (FormRef ref : refs) {
            Element element = ref.element();
            element.removeAttributeNS(CAMUNDA_NS, "formRef");
            element.removeAttributeNS(CAMUNDA_NS, "formRefBinding");
            element.removeAttributeNS(CAMUNDA_NS, "formRefVersion");
            if (ref.startEvent()) {
                element.removeAttributeNS(CAMUNDA_NS, "formKey");
            } else {
                element.setAttributeNS(CAMUNDA_NS, "camunda:formKey", formKey + "#" + sectionOf.get(ref.formId()));
            }
        }

        FormDefinition form = FormJson.read(definition);
        forms.create(actor, form);
        int formVersion = forms.publish(actor, formKey, false).version();
        ProcessModel model = models.importModel(actor, key(processId, 64), serialize(document));
        ProcessVersion version = models.publish(actor, model.key());
        return new CamundaFormsImport(formKey, formVersion, model.key(), version.version(), sectionKeys, warnings);
    }

    private void components(JsonNode components, ArrayNode fields, Map<String, ObjectNode> fieldsByKey,
                            List<String> sectionFields, ArrayNode rules, List<String> scopes, boolean start,
                            Set<String> startFields, List<String> warnings, String formId) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            if (type.equals("group")) {
                components(component.path("components"), fields, fieldsByKey, sectionFields, rules, scopes, start,
                        startFields, warnings, formId);
                continue;
            }
            if (Set.of("text", "html", "spacer", "separator", "image", "button", "iframe", "table").contains(type)) {
                continue;
            }
            if (!component.hasNonNull("key")) {
                warnings.add(formId + ": component " + component.path("id").asText(type) + " has no key, skipped");
                continue;
            }
            String fieldKey = key(component.get("key").asText(), 28);
            ObjectNode field = fieldsByKey.get(fieldKey);
            if (field == null) {
                field = field(component, fieldKey, warnings, formId);
                if (field == null) {
                    continue;
                }
                fields.add(field);
                fieldsByKey.put(fieldKey, field);
            }
            if (!sectionFields.contains(fieldKey)) {
                sectionFields.add(fieldKey);
            }
            JsonNode validate = component.path("validate");
            if (start) {
                startFields.add(fieldKey);
            }
            if (validate.path("required").asBoolean(false)) {
                if (start) {
                    field.put("required", true);
                } else {
                    for (String scope : scopes) {
                        rule(rules, fieldKey, scope, "required", "NOT(ISBLANK(" + fieldKey + "))",
                                "required", "必填");
                    }
                }
            }
            String kind = field.path("type").asText();
            boolean text = kind.equals("text") || kind.equals("long_text");
            for (String bound : List.of("min", "max", "minLength", "maxLength")) {
                JsonNode limit = validate.get(bound);
                if (limit == null || !limit.isNumber()) {
                    continue;
                }
                BigDecimal value = limit.decimalValue();
                String expression;
                switch (bound) {
                    case "min" -> expression = fieldKey + " >= " + value.toPlainString();
                    case "max" -> expression = fieldKey + " <= " + value.toPlainString();
                    case "minLength" -> expression = "LEN(" + fieldKey + ") >= " + value.toPlainString();
                    default -> expression = "LEN(" + fieldKey + ") <= " + value.toPlainString();
                }
                if (bound.endsWith("Length") && !text) {
                    continue;
                }
                if (bound.equals("maxLength") && text && kind.equals("text")) {
                    field.put("maxLength", Math.max(1, Math.min(4000, value.intValue())));
                }
                for (String scope : scopes) {
                    rule(rules, fieldKey, scope, bound, "OR(ISBLANK(" + fieldKey + "), " + expression + ")",
                            bound + " " + value.toPlainString(), bound + " " + value.toPlainString());
                }
            }
            if (validate.hasNonNull("pattern")) {
                warnings.add(formId + ": " + fieldKey + " pattern " + validate.get("pattern").asText()
                        + " is not enforced (the formula language has no regular expressions)");
            }
            if (validate.hasNonNull("validationType")) {
                warnings.add(formId + ": " + fieldKey + " validationType " + validate.get("validationType").asText()
                        + " is not enforced");
            }
        }
    }

    private ObjectNode field(JsonNode component, String fieldKey, List<String> warnings, String formId) {
        String type = component.path("type").asText();
        ObjectNode field = Json.mapper().createObjectNode();
        field.put("key", fieldKey);
        field.set("label", label(component.path("label").asText(fieldKey)));
        switch (type) {
            case "textfield" -> field.put("type", "text");
            case "textarea" -> field.put("type", "long_text");
            case "number" -> {
                field.put("type", "number");
                int scale = component.path("decimalDigits").asInt(component.has("decimalDigits") ? 0 : 2);
                field.put("precision", 18);
                field.put("scale", Math.max(0, Math.min(10, scale)));
            }
            case "checkbox" -> field.put("type", "boolean");
            case "radio", "select" -> field.put("type", "single_select");
            case "checklist", "taglist" -> field.put("type", "multi_select");
            case "datetime" -> {
                String subtype = component.path("subtype").asText("date");
                if (subtype.equals("time")) {
                    field.put("type", "text");
                    warnings.add(formId + ": " + fieldKey + " is a time of day, stored as text");
                } else {
                    field.put("type", subtype.equals("datetime") ? "datetime" : "date");
                }
            }
            case "dynamiclist" -> {
                field.put("type", "sub_form");
                ArrayNode columns = field.putArray("fields");
                for (JsonNode child : component.path("components")) {
                    if (child.hasNonNull("key")) {
                        ObjectNode column = field(child, key(child.get("key").asText(), 28), warnings, formId);
                        if (column != null && !column.path("type").asText().equals("sub_form")) {
                            if (child.path("validate").path("required").asBoolean(false)) {
                                column.put("required", true);
                            }
                            columns.add(column);
                        }
                    }
                }
                if (columns.isEmpty()) {
                    warnings.add(formId + ": dynamic list " + fieldKey + " has no fields, skipped");
                    return null;
                }
            }
            default -> {
                warnings.add(formId + ": component type " + type + " (" + fieldKey + ") is not supported, skipped");
                return null;
            }
        }
        if (field.path("type").asText().endsWith("select")) {
            ArrayNode options = field.putArray("options");
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode value : component.path("values")) {
                String optionKey = value.path("value").asText("");
                if (optionKey.isEmpty() || optionKey.length() > 64 || !seen.add(optionKey)) {
                    continue;
                }
                ObjectNode option = options.addObject();
                option.put("key", optionKey);
                option.set("label", label(value.path("label").asText(optionKey)));
            }
            if (options.isEmpty()) {
                warnings.add(formId + ": " + fieldKey + " has no static options (valuesKey/valuesExpression are not"
                        + " supported), skipped");
                return null;
            }
        }
        return field;
    }

    private static void rule(ArrayNode rules, String field, String scope, String kind, String expression, String en,
                             String zh) {
        ObjectNode rule = rules.addObject();
        String shortKind = switch (kind) {
            case "minLength" -> "minlen";
            case "maxLength" -> "maxlen";
            case "required" -> "req";
            default -> kind;
        };
        rule.put("key", key(key(field, 16) + "_" + shortKind + "_" + (rules.size() + 1), 28));
        rule.put("expression", expression);
        ObjectNode message = rule.putObject("message");
        message.put("en", en);
        message.put("zh-CN", zh);
        rule.putArray("fields").add(field);
        rule.put("scope", scope);
    }

    private static ObjectNode label(String text) {
        ObjectNode label = Json.mapper().createObjectNode();
        label.put("en", text.length() > 200 ? text.substring(0, 200) : text);
        return label;
    }

    /** A key our metadata accepts: {@code [a-z][a-z0-9_]*} without {@code __}, at most {@code max} characters. */
    static String key(String raw, int max) {
        String key = raw.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
            key = "f_" + key;
        }
        key = key.length() > max ? key.substring(0, max) : key;
        return key.endsWith("_") ? key.substring(0, key.length() - 1) : key;
    }

    private static String unique(String key, List<String> taken) {
        String candidate = key;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = key(key.substring(0, Math.min(key.length(), 24)) + "_" + i, 28);
        }
        return candidate;
    }

    private static void collect(Element element, List<FormRef> refs) {
        String name = element.getLocalName();
        if (BPMN_NS.equals(element.getNamespaceURI()) && ("startEvent".equals(name) || "userTask".equals(name))) {
            String formKey = element.getAttributeNS(CAMUNDA_NS, "formKey").trim();
            String formRef = element.getAttributeNS(CAMUNDA_NS, "formRef").trim();
            String id = null;
            if (formKey.startsWith("camunda-forms:")) {
                id = formKey.substring(formKey.lastIndexOf(':') + 1);
            } else if (!formRef.isEmpty()) {
                id = formRef;
            }
            if (id != null) {
                refs.add(new FormRef(element, "startEvent".equals(name), id));
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && !"subProcess".equals(e.getLocalName())) {
                collect(e, refs);
            }
        }
    }

    private static Element firstExecutableProcess(Document document) {
        NodeList processes = document.getElementsByTagNameNS(BPMN_NS, "process");
        for (int i = 0; i < processes.getLength(); i++) {
            Element process = (Element) processes.item(i);
            if ("true".equals(process.getAttribute("isExecutable").trim())) {
                return process;
            }
        }
        return null;
    }

    /** No DOCTYPE, no entities, no external anything: the same line the process-model import draws. */
    private static Document parse(byte[] bpmn) {
        if (bpmn == null || bpmn.length == 0) {
            throw new ValidationException(Problem.of("bpmn", "required"));
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bpmn));
        } catch (Exception e) {
            throw new ValidationException(Problem.of("bpmn", "bpmn_unreadable", String.valueOf(e.getMessage())));
        }
    }

    private static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
