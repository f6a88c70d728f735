package io.opensop.engine.transfer;

/** Which field a file column fills; {@code fieldKey} null means the column is ignored. */
public record ColumnMapping(int column, String header, String fieldKey) {
}
