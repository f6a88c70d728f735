package io.opensop.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.testing.Forms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueCoercerTest {

    private static final Lookups NOTHING_EXISTS = new Lookups() {
        @Override
        public boolean userExists(long userId) {
            return userId == 1;
        }

        @Override
        public Optional<Long> userIdByUsername(String username) {
            return "alice".equals(username) ? Optional.of(1L) : Optional.empty();
        }

        @Override
        public boolean recordExists(String formKey, long recordId) {
            return false;
        }

        @Override
        public Optional<AttachmentRef> attachment(String attachmentId) {
            return Optional.empty();
        }
    };

    private final ValueCoercer strict = new ValueCoercer(NOTHING_EXISTS, CoercionMode.STRICT, ZoneId.of("Asia/Shanghai"));
    private final ValueCoercer lenient = new ValueCoercer(NOTHING_EXISTS, CoercionMode.LENIENT, ZoneId.of("Asia/Shanghai"));
    private final List<Problem> problems = new ArrayList<>();

    private FieldDefinition field(String key) {
        return Forms.deal().field(key).orElseThrow();
    }

    @Test
    void aSubFormLineMissingARequiredColumnIsBlamedOnThatCell() {
        Object rows = strict.coerce(field("lines"), List.of(Map.of("qty", 1)), "lines", problems);

        assertThat(problems).extracting(Problem::field).containsExactly("lines[0].product");
        assertThat(rows).isNotNull();
    }

    @Test
    void moneyKeepsItsScaleAndRefusesExtraDecimals() {
        assertThat(strict.coerce(field("amount"), new BigDecimal("480"), "amount", problems))
                .isEqualTo(new BigDecimal("480.00"));
        assertThat(strict.coerce(field("amount"), new BigDecimal("480.001"), "amount", problems)).isNull();
        assertThat(problems).extracting(Problem::code).containsExactly("too_many_decimals");
    }

    @Test
    void strictModeRefusesNumbersWrittenAsSpreadsheetText() {
        assertThat(strict.coerce(field("amount"), "1,200", "amount", problems)).isNull();
        assertThat(lenient.coerce(field("amount"), "1,200.5", "amount", new ArrayList<>()))
                .isEqualTo(new BigDecimal("1200.50"));
        assertThat(lenient.coerce(field("rate"), "12.5%", "rate", new ArrayList<>())).isEqualTo(new BigDecimal("0.1250"));
    }

    @Test
    void aDateTimeWithoutOffsetIsTakenInTheActorsZoneAndStoredInUtc() {
        assertThat(strict.coerce(field("signed_at"), "2026-03-02T08:00:00", "signed_at", problems))
                .isEqualTo(OffsetDateTime.parse("2026-03-02T00:00:00Z"));
        assertThat(lenient.coerce(field("close_date"), "2026年3月31日", "close_date", problems))
                .isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(problems).isEmpty();
    }

    @Test
    void leninentModeFindsOptionsByLabelAndUsersByLogin() {
        assertThat(lenient.coerce(field("level"), "乙", "level", problems)).isEqualTo("b");
        assertThat(lenient.coerce(field("tags"), "Hot, VIP", "tags", problems)).isEqualTo(List.of("hot", "vip"));
        assertThat(lenient.coerce(field("rep"), "alice", "rep", problems)).isEqualTo(1L);
        assertThat(strict.coerce(field("rep"), "alice", "rep", problems)).isNull();
        assertThat(problems).hasSize(1);
    }
}
