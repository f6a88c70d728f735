package io.opensop.engine.metadata;

import io.opensop.engine.record.RetypeFailure;
import io.opensop.engine.record.SchemaChange;
import java.util.List;

/**
 * What a publish did, or for a dry run would do: the new version (null for a dry run) and the
 * schema changes, with the retypes that existing data would not survive.
 */
public record PublishResult(String key, Integer version, boolean dryRun, List<SchemaChange> changes,
                            List<RetypeFailure> failures) {
}
