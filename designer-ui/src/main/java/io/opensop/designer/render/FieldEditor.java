package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import io.opensop.engine.form.FieldDefinition;
import java.io.Serializable;

/**
 * The component that shows and edits one field, and converts between the engine's values
 * (BigDecimal, LocalDate, OffsetDateTime, option keys, ids, attachment references, line maps) and
 * what the component holds.
 */
public interface FieldEditor extends Serializable {

    FieldDefinition field();

    Component component();

    /** The value to send to the engine; null when empty. */
    Object value();

    /** Shows a value as the engine stores it; null clears. */
    void setValue(Object value);

    /** Whether the value is sent on save (auto-numbers and computed fields are not). */
    boolean writable();

    /** Marks the field invalid with a message, or clears it with null. */
    void showError(String message);

    /** The message shown now, or null. */
    String error();
}
