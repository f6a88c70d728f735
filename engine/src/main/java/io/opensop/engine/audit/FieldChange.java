package io.opensop.engine.audit;

/** One field's value before and after a change; either side may be null. */
public record FieldChange(String field, Object oldValue, Object newValue) {
}
