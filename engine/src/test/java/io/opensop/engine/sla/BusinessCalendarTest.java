package io.opensop.engine.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.formula.WorkCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Working-time arithmetic and SLA policy parsing, without a database. */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2026: 10-01..10-07 National Day holidays, 09-27 (Sunday) and 10-10 (Saturday) worked (调休)
    private final BusinessCalendar calendar = new BusinessCalendar(WorkCalendar.standard()
            .withHolidays(List.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"),
                    LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-07")))
            .withExtraWorkingDays(List.of(LocalDate.parse("2026-09-27"), LocalDate.parse("2026-10-10"))), SHANGHAI);

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void workingDaysSkipWeekendsAndHolidaysAndCountExtraWorkingDays() {
        assertThat(calendar.due(at("2026-03-06T10:00"), SlaDuration.parse("1WD"), 0, 0)).isEqualTo(at("2026-03-09T10:00"));
        assertThat(calendar.due(at("2026-03-07T10:00"), SlaDuration.parse("1WD"), 0, 0)).isEqualTo(at("2026-03-10T00:00"));
        // Friday 09-25 10:00 + 2WD: Sunday 09-27 is worked → Monday 09-28 10:00
        assertThat(calendar.due(at("2026-09-25T10:00"), SlaDuration.parse("2WD"), 0, 0)).isEqualTo(at("2026-09-28T10:00"));
        // Wednesday 09-30 12:00 + 2WD: holidays 10-01..10-07 except the weekend, 10-08 Thu, 10-09 Fri
        assertThat(calendar.due(at("2026-09-30T12:00"), SlaDuration.parse("2WD"), 0, 0)).isEqualTo(at("2026-10-09T12:00"));
        assertThat(calendar.due(at("2026-03-06T10:00"), SlaDuration.parse("PT72H"), 0, 0)).isEqualTo(at("2026-03-09T10:00"));
        assertThat(calendar.due(at("2026-03-06T10:00"), SlaDuration.parse("PT4H"), 3_600_000, 0)).isEqualTo(at("2026-03-06T15:00"));
        assertThat(calendar.workingMillisBetween(at("2026-03-06T12:00"), at("2026-03-09T12:00")))
                .isEqualTo(24L * 3_600_000);
        assertThat(calendar.workingMillisBetween(at("2026-03-09T12:00"), at("2026-03-06T12:00"))).isZero();
    }

    @Test
    void durationsAreIsoOrWorkingDays() {
        assertThat(SlaDuration.parse("3wd").workingDays()).isTrue();
        assertThat(SlaDuration.parse("PT4H").millis()).isEqualTo(4 * 3_600_000L);
        assertThatThrownBy(() -> SlaDuration.parse("4 hours")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlaDuration.parse("-PT1H")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policiesComeFromTheSlaListAndFromPipelineStagesAndBadOnesAreNamedByPath() {
        var form = FormJson.read("""
                {"key":"deal","app":"crm","label":{"en":"Deal"},
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}}],
                 "pipeline":{"stages":[{"key":"quote","sla":{"steps":[{"after":"2WD","notify":["owner"]}]}}]},
                 "sla":[{"key":"ok","steps":[{"after":"PT4H","notify":["manager:2"],"cc":["role:finance"]}]},
                        {"key":"bad","start":"later","steps":[{"after":"soon","notify":["boss"]}]}]}
                """);
        List<Problem> problems = new ArrayList<>();
        List<SlaPolicy> policies = SlaPolicy.of(form, problems);
        assertThat(policies).extracting(SlaPolicy::key).containsExactly("ok", "quote_1");
        assertThat(policies.get(1).start()).isEqualTo(SlaPolicy.STAGE);
        assertThat(policies.get(1).appliesToStage("quote")).isTrue();
        assertThat(policies.get(1).appliesToStage("other")).isFalse();
        assertThat(policies.get(1).appliesToTask("quote")).isFalse();
        assertThat(problems).extracting(Problem::field).contains("$.sla[1].start", "$.sla[1].steps[0].after",
                "$.sla[1].steps[0].notify");
        assertThat(Set.copyOf(problems.stream().map(Problem::code).toList()))
                .contains("sla_invalid", "sla_duration_invalid", "sla_recipient_invalid");
    }
}
