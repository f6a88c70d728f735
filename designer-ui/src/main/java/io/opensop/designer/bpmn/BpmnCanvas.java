package io.opensop.designer.bpmn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.function.SerializableConsumer;
import io.opensop.engine.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bpmn-js embedded as a component. The diagram lives in the browser; the server reads it
 * ({@link #readXml}), changes it only through the modeling API (insert a building block, rewrite a
 * step, set a condition or a timer, mark problems) and hears which element is selected.
 */
@Tag("opensop-bpmn-modeler")
@NpmPackage(value = "bpmn-js", version = "18.6.2")
@NpmPackage(value = "camunda-bpmn-moddle", version = "7.0.1")
@JsModule("./opensop/bpmn-modeler.js")
public class BpmnCanvas extends Component implements HasSize {

    /** A problem to show on the diagram, on the element with {@code id}. */
    public record Marker(String id, String message) {
    }

    private final List<SerializableConsumer<DiagramElement>> selectionListeners = new ArrayList<>();
    private final List<Runnable> changeListeners = new ArrayList<>();
    private DiagramElement selected;

    public BpmnCanvas() {
        getElement().setAttribute("data-testid", "bpmn-canvas");
    }

    /** Shows a model; {@code done} gets null on success or bpmn-js's reason why it cannot draw it. */
    public void setXml(String xml, SerializableConsumer<String> done) {
        selected = null;
        getElement().callJsFunction("importXml", xml).then(String.class, json -> {
            Map<String, Object> result = read(json, new TypeReference<Map<String, Object>>() { });
            done.accept(Boolean.TRUE.equals(result.get("ok")) ? null : String.valueOf(result.get("error")));
        });
    }

    /** The diagram as the user sees it now. */
    public void readXml(SerializableConsumer<String> consumer) {
        getElement().callJsFunction("exportXml").then(String.class, consumer);
    }

    public void select(String elementId) {
        getElement().callJsFunction("selectElement", elementId);
    }

    /** Inserts a building block (one BPMN element) after {@code afterId}; a rejection goes to {@code rejectTo}. */
    public void insertStep(String afterId, String elementXml, String rejectTo, SerializableConsumer<String> inserted,
                           SerializableConsumer<String> failed) {
        getElement().callJsFunction("insertStep", afterId, elementXml, rejectTo).then(String.class, inserted, failed);
    }

    /** Rewrites a step's attributes, properties and multi-instance from the builder's element. */
    public void applyElement(String id, String elementXml) {
        getElement().callJsFunction("applyElement", id, elementXml);
    }

    public void setRejectTarget(String stepId, String targetId) {
        getElement().callJsFunction("setRejectTarget", stepId, targetId);
    }

    public void setCondition(String flowId, String formula) {
        getElement().callJsFunction("setCondition", flowId, formula == null ? "" : formula);
    }

    public void setTimerDuration(String id, String duration) {
        getElement().callJsFunction("setTimerDuration", id, duration);
    }

    public void setName(String id, String name) {
        getElement().callJsFunction("setName", id, name == null ? "" : name);
    }

    /** Marks the elements and lists, in {@code missing}, the ids that are not on the diagram. */
    public void showProblems(List<Marker> markers, SerializableConsumer<List<String>> missing) {
        getElement().callJsFunction("showProblems", Json.write(markers)).then(String.class,
                json -> missing.accept(read(json, new TypeReference<List<String>>() { })));
    }

    public void clearProblems() {
        getElement().callJsFunction("clearProblems");
    }

    public DiagramElement selected() {
        return selected;
    }

    public void addSelectionListener(SerializableConsumer<DiagramElement> listener) {
        selectionListeners.add(listener);
    }

    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the modeler sent unreadable JSON", e);
        }
    }

    @ClientCallable
    private void selectionChanged(String json) {
        selected = json == null ? null : Json.read(json, DiagramElement.class);
        selectionListeners.forEach(l -> l.accept(selected));
    }

    @ClientCallable
    private void diagramChanged() {
        changeListeners.forEach(Runnable::run);
    }
}
