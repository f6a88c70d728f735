package io.opensop.engine.record;

import io.opensop.engine.error.Problem;
import io.opensop.engine.security.Actor;
import java.util.List;
import java.util.Map;

/**
 * A step of every save between coercion and writing: computed fields fill {@code values}, rules
 * and gates add problems. Runs inside the save transaction; any problem aborts the save.
 */
public interface RecordSaveHook {

    void beforeWrite(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                     List<Problem> problems);

    /**
     * Before a stage move is written: {@code values} are the stored values plus what the move stamps
     * (stage-entry times), for the record's own computed fields to be brought up to date in the same
     * row update. No input is bound in a move, so no rule is checked here: the stage's gates are the
     * move's checks.
     */
    default void beforeStageMove(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                                 List<Problem> problems) {
    }

    /**
     * After the row and its revision are written by a create, update, delete or restore, still inside
     * the transaction: for work that must see the row as stored, such as roll-ups on the records it
     * references. {@code previous} is null on create; {@code current} may be deleted.
     */
    default void afterWrite(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
    }
}
