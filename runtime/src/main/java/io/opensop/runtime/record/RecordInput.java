package io.opensop.runtime.record;

import java.util.Map;

/** What a client sends to create or change a record; system attributes are not bindable. */
record RecordInput(Long version, Map<String, Object> values) {
}
