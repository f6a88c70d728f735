package io.opensop.engine.record;

/** One sort key of a list query; blanks sort last in either direction. */
public record RecordSort(String field, boolean descending) {
}
