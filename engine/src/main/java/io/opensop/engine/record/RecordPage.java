package io.opensop.engine.record;

import java.util.List;

/**
 * One page of records. {@code next} is null on the last page. {@code count} is present only when
 * asked for; {@code countExact} is false when it is the database's estimate for a big table.
 */
public record RecordPage(List<FormRecord> items, String next, Long count, Boolean countExact) {
}
