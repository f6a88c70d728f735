package io.opensop.engine.rules;

import java.util.List;

/**
 * How far a recompute got: after every batch, and once more with {@code finished} set.
 *
 * @param processed rows read so far, of {@code total} counted at the start (rows added meanwhile are
 *                  computed by their own save)
 * @param changed   rows whose computed values were rewritten
 * @param failed    ids of rows whose formulas failed at run time (first 100); they keep their old values
 */
public record RecomputeProgress(String formKey, long processed, long total, long changed, List<Long> failed,
                                boolean finished) {

    public RecomputeProgress {
        failed = List.copyOf(failed);
    }
}
