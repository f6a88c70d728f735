package io.opensop.engine.workflow;

import io.opensop.engine.error.EngineException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs workflow work in the transaction that Camunda and the record store share. Camunda wraps what
 * our listeners and delegates throw in its own exception; the caller should see ours (a validation
 * or permission problem with its field and reason), not an engine failure.
 */
public final class WorkflowTransactions {

    private WorkflowTransactions() {
    }

    public static <T> T run(TransactionOperations transactions, Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (ProcessEngineException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EngineException ours) {
                    throw ours;
                }
            }
            throw e;
        }
    }
}
