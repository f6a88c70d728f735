package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.security.Actor;
import java.util.List;
import java.util.Map;

/**
 * Formulas on every save, in the order the design asks for: computed fields first, so conditions,
 * rules and uniqueness see the values that will be stored; roll-ups of referencing parents after the
 * row is written.
 */
final class FormulaSaveHook implements RecordSaveHook {

    private final ComputedFields computed;
    private final FieldConditions conditions;
    private final RuleCheck rules;
    private final UniqueCheck unique;
    private final RollupPropagation rollups;

    FormulaSaveHook(ComputedFields computed, FieldConditions conditions, RuleCheck rules, UniqueCheck unique,
                    RollupPropagation rollups) {
        this.computed = computed;
        this.conditions = conditions;
        this.rules = rules;
        this.unique = unique;
        this.rollups = rollups;
    }

    @Override
    public void beforeWrite(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                            List<Problem> problems) {
        computed.compute(form, previous == null ? null : previous.id(), values, actor.locale(), problems);
        if (!problems.isEmpty()) {
            return;
        }
        conditions.check(form.definition(), previous, values, problems);
        rules.check(form.definition(), values, actor.locale(), problems);
        unique.check(form, previous, values, problems);
    }

    @Override
    public void beforeStageMove(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                                List<Problem> problems) {
        computed.compute(form, previous.id(), values, actor.locale(), problems);
    }

    @Override
    public void afterWrite(Actor actor, PublishedForm form, FormRecord previous, FormRecord current) {
        rollups.afterWrite(form, previous, current, actor.locale());
    }
}
