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
     * After the row and its revision are written by a create, update, delete or restore, still inside
     * the transaction: for work that must see the row as stored, such as roll-ups on the records it
     * references. {@code previous} is null on create; {@code current} may be deleted.
     */
    default void afterWrite(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
    }
}
