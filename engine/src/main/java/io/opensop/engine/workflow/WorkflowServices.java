package io.opensop.engine.workflow;

import io.opensop.engine.EngineServices;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.WorkCalendar;
import java.time.Clock;
import java.time.ZoneId;
import io.opensop.engine.workflow.approval.ApprovalBlocks;
import io.opensop.engine.workflow.approval.AssigneeResolver;
import io.opensop.engine.workflow.approval.CarbonCopyBlock;
import io.opensop.engine.workflow.pipeline.PipelineService;
import java.util.HashSet;
import java.util.Map;
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
    private final PipelineService pipelines;

    public WorkflowServices(EngineServices engine, ProcessEngine camunda, DSLContext dsl,
                            TransactionOperations transactions, Clock clock) {
        this(engine, camunda, dsl, transactions, clock, Set.of());
    }

    /** @param allowedDelegates the building blocks a model may name in camunda:class/delegateExpression/expression */
    public WorkflowServices(EngineServices engine, ProcessEngine camunda, DSLContext dsl,
                            TransactionOperations transactions, Clock clock, Set<String> allowedDelegates) {
        Set<String> allowed = new HashSet<>(allowedDelegates);
        allowed.addAll(WorkflowNames.BUILDING_BLOCKS);
        this.models = new ProcessModelService(dsl, transactions, camunda.getRepositoryService(), engine.forms(),
                new FormulaEngine(), allowed, clock);
        this.workflow = new WorkflowService(camunda, models, engine.records(), engine.forms(), transactions,
                engine.users(), List.of(new io.opensop.engine.workflow.camundaforms.TaskScopedRules(engine.forms(),
                        clock)));
        this.pipelines = new PipelineService(engine.forms(), engine.records(), models, camunda, clock,
                engine.businessZone());
        engine.records().addStageGuard(pipelines.stageGuard());
        engine.forms().addPublishCheck(pipelines.publishCheck());
    }

    /**
     * The plugin every embedded engine must carry: formula conditions, nothing else scriptable, and
     * the allowlisted building blocks (approval assignees, carbon copy) as the only named beans.
     */
    public static OpenSopEnginePlugin plugin(EngineServices engine, Clock clock, ZoneId businessZone) {
        AssigneeResolver assignees = new AssigneeResolver(engine.records(), engine.users());
        return new OpenSopEnginePlugin(new RecordConditions(engine.records(), engine.forms(), new FormulaEngine(),
                clock, businessZone, WorkCalendar.standard()),
                Map.of(ApprovalBlocks.BEAN, new ApprovalBlocks(assignees),
                        CarbonCopyBlock.BEAN, new CarbonCopyBlock(assignees, engine.events(), clock)));
    }

    public ProcessModelService models() {
        return models;
    }

    public WorkflowService workflow() {
        return workflow;
    }

    /** Stage pipelines: gates on stage moves, publish checks, the pipeline process. */
    public PipelineService pipelines() {
        return pipelines;
    }
}
