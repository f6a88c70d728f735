package io.opensop.engine.record;

import java.util.List;

/** Existing values of a field that would not convert to its new type: the retype is refused. */
public record RetypeFailure(String fieldPath, String fromType, String toType, long rowCount, List<Long> firstRecordIds) {
}
