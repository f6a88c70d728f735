package io.opensop.engine.record;

import io.opensop.engine.security.RowScope;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A row scope as a SQL condition on a form's table: the owners whose records the actor may read. */
final class RowScopes {

    private RowScopes() {
    }

    static Condition condition(RowScope scope, PublishedForm form) {
        if (scope.all()) {
            return DSL.noCondition();
        }
        Field<Long> owner = RecordStore.longField(form.layout().tableName(), SqlNames.OWNER_ID);
        return scope.ownerIds().isEmpty() ? DSL.falseCondition() : owner.in(scope.ownerIds());
    }
}
