package io.opensop.runtime.ui.record;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A save that met a newer version: what the other user changed (base → theirs), what this user changed
 * (base → mine), the fields both changed differently, and the merge: their version with this user's
 * changes re-applied on top. The merge is only shown in the form; the user saves it as a normal update
 * against the fresh version, so nothing is ever overwritten unseen.
 */
public record ConflictMerge(Map<String, Object> base, Map<String, Object> theirs, Map<String, Object> mine) {

    /** Fields the other save changed, with their new values. */
    public Map<String, Object> theirChanges() {
        return ChangedValues.between(base, theirs);
    }

    /** Fields this user changed in the form, with the values typed. */
    public Map<String, Object> myChanges() {
        return ChangedValues.between(base, mine);
    }

    /** Fields both changed to different values: the merge keeps this user's, the dialog warns. */
    public Set<String> clashes() {
        Set<String> both = new LinkedHashSet<>(theirChanges().keySet());
        both.retainAll(myChanges().keySet());
        both.removeIf(key -> ChangedValues.same(theirs.get(key), mine.get(key)));
        return both;
    }

    /** Their version with this user's changes applied on top. */
    public Map<String, Object> merged() {
        Map<String, Object> merged = new LinkedHashMap<>(theirs);
        merged.putAll(myChanges());
        return merged;
    }
}
