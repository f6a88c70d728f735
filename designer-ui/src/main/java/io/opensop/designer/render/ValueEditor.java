package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.function.SerializableFunction;
import io.opensop.engine.form.FieldDefinition;

/** An editor over one Vaadin field, with conversions to and from the engine's values. */
final class ValueEditor<V> implements FieldEditor {

    private final FieldDefinition field;
    private final Component component;
    private final HasValue<?, V> input;
    private final SerializableFunction<V, Object> toEngine;
    private final SerializableFunction<Object, V> fromEngine;
    private final boolean writable;

    @SuppressWarnings("unchecked")
    <C extends Component & HasValue<?, V>> ValueEditor(FieldDefinition field, C component,
                                                        SerializableFunction<V, Object> toEngine,
                                                        SerializableFunction<Object, V> fromEngine, boolean writable) {
        this.field = field;
        this.component = component;
        this.input = component;
        this.toEngine = toEngine;
        this.fromEngine = fromEngine;
        this.writable = writable;
    }

    @Override
    public FieldDefinition field() {
        return field;
    }

    @Override
    public Component component() {
        return component;
    }

    @Override
    public Object value() {
        V v = input.getValue();
        return v == null || v.equals(input.getEmptyValue()) && !(v instanceof Boolean) ? null : toEngine.apply(v);
    }

    @Override
    public void setValue(Object value) {
        V v = value == null ? null : fromEngine.apply(value);
        if (v == null) {
            input.clear();
        } else {
            input.setValue(v);
        }
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public void showError(String message) {
        if (component instanceof HasValidationProperties validation) {
            validation.setErrorMessage(message);
            validation.setInvalid(message != null);
        }
    }

    @Override
    public String error() {
        if (component instanceof HasValidationProperties validation && validation.isInvalid()) {
            return validation.getErrorMessage();
        }
        return null;
    }
}
