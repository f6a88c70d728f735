package io.opensop.engine.record;

import java.util.Collection;

/** Small facts about stored values that several parts of the record store share. */
public final class RecordValues {

    private RecordValues() {
    }

    /** Blank means null, empty text or an empty list: what a required check refuses. */
    public static boolean isBlank(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty());
    }
}
