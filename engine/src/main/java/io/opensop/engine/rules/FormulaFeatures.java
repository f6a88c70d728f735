package io.opensop.engine.rules;

import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.metadata.PublishCheck;
import io.opensop.engine.record.Lookups;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.record.DerivedInputs;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.StoredRecords;
import io.opensop.engine.security.AccessPolicy;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Builds this package's parts in two steps, because they sit on both sides of the record service:
 * the save hook and the publish check go into it, explain and the formula tools use it.
 */
public final class FormulaFeatures {

    private final FormulaSupport formulas;
    private final ComputedFields computed;
    private final RecordSaveHook saveHook;
    private final PublishCheck publishCheck;
    private final FormulaRecompute recompute;

    public FormulaFeatures(PublishedForms forms, StoredRecords records, TransactionOperations transactions,
                           Clock clock, ZoneId businessZone, Consumer<Object> events, int recomputeBatchSize) {
        this.formulas = new FormulaSupport(new FormulaEngine(), forms, records, clock, businessZone);
        PeriodRollups periods = new PeriodRollups(formulas);
        this.computed = new ComputedFields(formulas, new Rollups(formulas, periods));
        this.saveHook = new FormulaSaveHook(computed, new FieldConditions(formulas), new RuleCheck(formulas),
                new UniqueCheck(records), new RollupPropagation(formulas, computed, periods));
        this.publishCheck = new PublishChecks(formulas);
        this.recompute = new FormulaRecompute(formulas, computed, transactions, events, recomputeBatchSize);
    }

    public RecordSaveHook saveHook() {
        return saveHook;
    }

    public PublishCheck publishCheck() {
        return publishCheck;
    }

    /** Also a publish listener: wire it with {@code FormService.addPublishListener}. */
    public FormulaRecompute recompute() {
        return recompute;
    }

    /** What formula and roll-up fields read; register with {@code RecordService.addDerivedInputs}. */
    public DerivedInputs derivedInputs() {
        return new FormulaDerivedInputs(formulas);
    }

    public RecordExplainer explainer(RecordService records) {
        return new RecordExplainer(formulas, records);
    }

    public FormulaTools tools(AccessPolicy policy, Lookups lookups, RecordService records) {
        return new FormulaTools(formulas, policy, lookups, records);
    }
}
