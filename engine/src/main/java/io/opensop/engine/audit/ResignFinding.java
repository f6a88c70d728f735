package io.opensop.engine.audit;

import java.time.OffsetDateTime;

/**
 * One sign-then-withdraw pattern around midnight: a field was set ("signed"), withdrawn (cleared or
 * changed) and set again, with the first and the last save on different days in the report's zone
 * and close together. Times are given in that zone.
 *
 * @param title the record's title field value, or {@code #id}
 */
public record ResignFinding(String formKey, long recordId, String title, String field,
                            Object signedValue, String signedBy, OffsetDateTime signedAt,
                            Object withdrawnValue, String withdrawnBy, OffsetDateTime withdrawnAt,
                            Object resignedValue, String resignedBy, OffsetDateTime resignedAt,
                            long minutesApart) {
}
