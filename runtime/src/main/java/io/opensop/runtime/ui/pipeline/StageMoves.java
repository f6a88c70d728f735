package io.opensop.runtime.ui.pipeline;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage moves for the views, always through {@link RecordService#moveStage} (the engine's stage guard
 * is the only judge). {@link #unmet} asks the same question without moving: the move runs in a
 * transaction that is rolled back whatever happens, so the gate checklist a user sees is exactly
 * what a real move would say.
 */
@Component
public class StageMoves {

    private final RecordService records;
    private final TransactionTemplate rolledBack;

    StageMoves(RecordService records, PlatformTransactionManager transactions) {
        this.records = records;
        this.rolledBack = new TransactionTemplate(transactions);
    }

    /** A move's outcome: the moved record, or the problems that kept it where it was. */
    public record Outcome(FormRecord record, List<Problem> problems) {
        public boolean moved() {
            return problems.isEmpty();
        }
    }

    public Outcome move(Actor actor, FormRecord record, String toStage) {
        try {
            return new Outcome(records.moveStage(actor, record.formKey(), record.id(), record.version(), toStage),
                    List.of());
        } catch (ValidationException e) {
            return new Outcome(record, e.problems());
        }
    }

    /** The problems a move to {@code toStage} would meet now; empty when it would pass. Changes nothing. */
    public List<Problem> unmet(Actor actor, FormRecord record, String toStage) {
        return rolledBack.execute(status -> {
            status.setRollbackOnly();
            try {
                records.moveStage(actor, record.formKey(), record.id(), record.version(), toStage);
                return List.of();
            } catch (ValidationException e) {
                return e.problems();
            }
        });
    }
}
