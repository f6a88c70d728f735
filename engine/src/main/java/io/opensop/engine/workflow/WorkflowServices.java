package io.opensop.engine.workflow;

import io.opensop.engine.EngineServices;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.WorkCalendar;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Builds the workflow feature from the engine's services and an embedded Camunda engine that shares
 * the host's datasource and transactions. The Camunda engine itself is built by the host (the
 * runtime's starter, or a test) with {@link #plugin} among its plugins.
 */
public final class WorkflowServices {

    private final ProcessModelService models;
    private final WorkflowService workflow;

    public WorkflowServices(EngineServices engine, ProcessEngine camunda, DSLContext dsl,
                            TransactionOperations transactions, Clock clock) {
        this(engine, camunda, dsl, transactions, clock, Set.of());
    }

    /** @param allowedDelegates the building blocks a model may name in camunda:class/delegateExpression/expression */
    public WorkflowServices(EngineServices engine, ProcessEngine camunda, DSLContext dsl,
                            TransactionOperations transactions, Clock clock, Set<String> allowedDelegates) {
        this.models = new ProcessModelService(dsl, transactions, camunda.getRepositoryService(), engine.forms(),
                new FormulaEngine(), allowedDelegates, clock);
        this.workflow = new WorkflowService(camunda, models, engine.records(), engine.forms(), transactions,
                List.of(new io.opensop.engine.workflow.camundaforms.TaskScopedRules(engine.forms(), clock)));
    }

    /** The plugin every embedded engine must carry: formula conditions, nothing else scriptable. */
    public static OpenSopEnginePlugin plugin(EngineServices engine, Clock clock, ZoneId businessZone) {
        return new OpenSopEnginePlugin(new RecordConditions(engine.records(), engine.forms(), new FormulaEngine(),
                clock, businessZone, WorkCalendar.standard()));
    }

    public ProcessModelService models() {
        return models;
    }

    public WorkflowService workflow() {
        return workflow;
    }
}
