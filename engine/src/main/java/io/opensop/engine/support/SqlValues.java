package io.opensop.engine.support;

import java.sql.Timestamp;
import java.time.OffsetDateTime;

/**
 * Bind values for plain SQL. An OffsetDateTime in plain SQL reaches PostgreSQL as text, which it
 * refuses for a timestamptz column; a JDBC Timestamp carries the same instant and binds natively
 * on H2 and PostgreSQL alike.
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static Timestamp timestamp(OffsetDateTime time) {
        return time == null ? null : Timestamp.from(time.toInstant());
    }
}
