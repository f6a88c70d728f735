package io.opensop.engine.record;

import io.opensop.engine.error.Problem;
import io.opensop.engine.security.Actor;
import java.util.List;

/**
 * Decides stage changes of records ({@link RecordService#moveStage}) and where new records start.
 * The workflow feature's pipelines implement it: the target stage's entry gates, the allowed moves,
 * and the pipeline process that follows the record. Runs inside the saving transaction.
 */
public interface StageGuard {

    /** The stage a new record of the form starts in; null when the form has no pipeline. */
    default String initialStage(PublishedForm form) {
        return null;
    }

    /** Adds a problem for every reason the record may not move from its stage to {@code toStage}. */
    void check(Actor actor, PublishedForm form, FormRecord record, String toStage, List<Problem> problems);

    /**
     * Field values a move into {@code toStage} writes along with the stage, in the same row update
     * and revision (e.g. the time the record first entered the stage).
     */
    default java.util.Map<String, Object> entryValues(PublishedForm form, FormRecord record, String toStage,
                                                      java.time.OffsetDateTime now) {
        return java.util.Map.of();
    }

    /**
     * After a record entered a stage (a move, or a create into the initial stage; {@code previous} is
     * then null), still inside the transaction.
     */
    default void moved(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
    }
}
