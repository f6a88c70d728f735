package io.opensop.runtime.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictMergeTest {

    private final Map<String, Object> base = Map.of("name", "华东精密", "amount", new BigDecimal("100.00"),
            "phone", "021-1");

    @Test
    void theirChangesAreWhatTheOtherSaveChangedAndTheMergeKeepsThemUnderMine() {
        Map<String, Object> theirs = Map.of("name", "华东精密", "amount", new BigDecimal("100.00"), "phone", "021-2");
        Map<String, Object> mine = Map.of("name", "华东精密制造", "amount", new BigDecimal("100.0"), "phone", "021-1");

        ConflictMerge merge = new ConflictMerge(base, theirs, mine);

        assertThat(merge.theirChanges()).containsExactly(Map.entry("phone", "021-2"));
        assertThat(merge.myChanges()).as("100.0 equals 100.00: not a change").containsExactly(
                Map.entry("name", "华东精密制造"));
        assertThat(merge.clashes()).isEmpty();
        assertThat(merge.merged()).containsEntry("phone", "021-2").containsEntry("name", "华东精密制造")
                .containsEntry("amount", new BigDecimal("100.00"));
    }

    @Test
    void aFieldBothChangedDifferentlyIsAClashAndTheMergeKeepsMyValue() {
        Map<String, Object> theirs = Map.of("name", "华东精密", "amount", new BigDecimal("200.00"), "phone", "021-1");
        Map<String, Object> mine = Map.of("name", "华东精密", "amount", new BigDecimal("300.00"), "phone", "021-1");

        ConflictMerge merge = new ConflictMerge(base, theirs, mine);

        assertThat(merge.clashes()).containsExactly("amount");
        assertThat(merge.merged()).containsEntry("amount", new BigDecimal("300.00"));
    }

    @Test
    void bothTypingTheSameValueIsNoClash() {
        Map<String, Object> same = Map.of("name", "华东精密", "amount", new BigDecimal("250"), "phone", "021-1");
        Map<String, Object> theirs = new HashMap<>(same);
        theirs.put("amount", new BigDecimal("250.00"));

        assertThat(new ConflictMerge(base, theirs, same).clashes()).isEmpty();
    }

    @Test
    void anEmptyListAndNullAreBothBlankSoClearingAnEmptyAttachmentIsNoChange() {
        Map<String, Object> before = new HashMap<>();
        before.put("files", List.of());
        Map<String, Object> after = new HashMap<>();
        after.put("files", null);

        assertThat(ChangedValues.between(before, after)).isEmpty();
    }
}
