package io.opensop.engine.record;

import io.opensop.engine.form.FormDefinition;
import java.util.Map;
import java.util.Set;

/**
 * What the computed fields of a form read, so that a value derived from a field hidden from the
 * actor is hidden from the actor too (a margin computed from a hidden cost would reveal the cost).
 * The formula feature supplies it; {@link RecordService} applies it wherever it decides which
 * fields an actor sees (reads, lists, filters, sorts, history, exports). A value read through a
 * reference follows the target field's access in the target form and, per record, whether the actor
 * may read the referenced record.
 */
public interface DerivedInputs {

    /**
     * A field a computed field reads: {@code formKey} null means the same record's form. {@code via} is
     * the reference field of the same record through which it is read ({@code customer} for
     * {@code customer.credit_limit}), so the value also depends on whether the actor may read the
     * referenced record; null for the record's own fields and for roll-ups.
     */
    record Input(String formKey, String fieldKey, String via) {

        public Input(String formKey, String fieldKey) {
            this(formKey, fieldKey, null);
        }
    }

    /** Computed field key to the fields it reads; fields that read nothing may be left out. */
    Map<String, Set<Input>> of(FormDefinition form);
}
