package io.opensop.engine.rules;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.formula.ReferenceResolver;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import java.util.Map;

/**
 * Reads referenced records as a user would, through the record service's permission, row and field
 * checks: formulas a user runs by hand (evaluate, explain) must not become a way to read records
 * the user may not see. A record the user may not read is blank, like a missing one.
 */
final class ActorReferences implements ReferenceResolver {

    private final RecordService records;
    private final Actor actor;

    ActorReferences(RecordService records, Actor actor) {
        this.records = records;
        this.actor = actor;
    }

    @Override
    public Map<String, Object> values(String formKey, long id) {
        try {
            return records.get(actor, formKey, id).values();
        } catch (NotFoundException | AccessDeniedException unreadable) {
            return Map.of();
        }
    }
}
