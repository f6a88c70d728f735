package io.opensop.engine.record;

import java.util.Set;

/**
 * Published inside the saving transaction; listeners that act on the outside world (workflow,
 * notifications, webhooks) should run after commit.
 */
public record RecordChanged(String formKey, long recordId, long version, String action, Set<String> changedFields,
                            String changedBy) {
}
