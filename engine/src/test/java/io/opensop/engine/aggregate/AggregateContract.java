package io.opensop.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregates over real record tables: exact sums, the row scope of a list, hidden fields refused,
 * periods in the actor's zone with ISO weeks, owners' regions, relative dates.
 */
abstract class AggregateContract extends EngineContract {

    private AggregateService aggregates;
    private Actor director;
    private Actor manager;
    private Actor repA;
    private Actor repB;
    private Actor repWest;

    @BeforeEach
    void salesTeam() {
        aggregates = engine.aggregates();
        director = actor(user("director", null, "hq", "hq", "sales_director"));
        manager = actor(user("m_east", director.userId(), "east-1", "east", "sales_manager"));
        repA = actor(user("rep_a", manager.userId(), "east-1", "east", "sales_rep"));
        repB = actor(user("rep_b", manager.userId(), "east-1", "east", "sales_rep"));
        repWest = actor(user("rep_w", director.userId(), "west-1", "west", "sales_rep"));
        Actor designer = EngineHarness.admin();
        engine.forms().create(designer, FormJson.read("""
                {"key":"deal","label":{"en":"Deal","zh-CN":"交易"},
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true},
                   {"key":"status","type":"single_select","label":{"en":"Status"},"options":[
                     {"key":"open","label":{"en":"Open","zh-CN":"进行中"}},
                     {"key":"won","label":{"en":"Won","zh-CN":"赢单"}},
                     {"key":"lost","label":{"en":"Lost","zh-CN":"输单"}}]},
                   {"key":"amount","type":"money","label":{"en":"Amount"}},
                   {"key":"margin","type":"money","label":{"en":"Margin"}},
                   {"key":"closed_on","type":"date","label":{"en":"Closed on"}},
                   {"key":"signed_at","type":"datetime","label":{"en":"Signed at"}}],
                 "access":{
                   "rowScopes":{"sales_rep":"own","sales_manager":"team","sales_director":"all"},
                   "fields":{"sales_rep":{"margin":"hidden"}}}}
                """));
        engine.forms().publish(designer, "deal", false);
        deal(repA, "a1", "open", "100.10", "10.00", "2026-12-31", "2026-03-01T16:30:00Z");
        deal(repA, "a2", "won", "200.20", "20.00", "2027-01-01", "2026-03-01T15:30:00Z");
        deal(repB, "b1", "won", "0.03", "1.00", "2026-02-27", "2026-03-03T02:00:00Z");
        deal(repWest, "w1", "lost", "1000.00", "5.00", "2026-02-10", "2026-04-01T00:00:00Z");
    }

    @Test
    void sumsAreExactAndGroupsFollowTheOptionOrderWithLabelsInTheActorsLanguage() {
        AggregateResult result = aggregates.run(director, new AggregateQuery("deal",
                List.of(Measure.of(AggregateFunction.SUM, "amount"), Measure.count()), List.of("status"), null, null,
                null));

        assertThat(result.rows()).extracting(r -> r.keys().get(0)).containsExactly("open", "won", "lost");
        assertThat(result.rows()).extracting(r -> r.labels().get(0)).containsExactly("Open", "Won", "Lost");
        assertThat(result.rows()).extracting(r -> r.value(0))
                .containsExactly(new BigDecimal("100.10"), new BigDecimal("200.23"), new BigDecimal("1000.00"));
        assertThat(result.rows()).extracting(r -> r.value(1)).containsExactly(1L, 2L, 1L);
    }

    @Test
    void aRepSeesOnlyTheirOwnRowsAndAManagerTheTeam() {
        AggregateQuery total = AggregateQuery.of("deal", Measure.of(AggregateFunction.SUM, "amount"));

        assertThat(aggregates.run(repA, total).single()).isEqualTo(new BigDecimal("300.30"));
        assertThat(aggregates.run(repB, total).single()).isEqualTo(new BigDecimal("0.03"));
        assertThat(aggregates.run(manager, total).single()).isEqualTo(new BigDecimal("300.33"));
        assertThat(aggregates.run(director, total).single()).isEqualTo(new BigDecimal("1300.33"));
        AggregateResult byOwner = aggregates.run(repA, AggregateQuery.of("deal", Measure.count(), "owner"));
        assertThat(byOwner.rows()).hasSize(1);
        assertThat(byOwner.rows().get(0).labels()).containsExactly("rep_a");
    }

    @Test
    void aFieldHiddenFromTheActorCanNeitherBeMeasuredGroupedNorFilteredOn() {
        List<AggregateQuery> probes = List.of(
                AggregateQuery.of("deal", Measure.of(AggregateFunction.SUM, "margin")),
                AggregateQuery.of("deal", Measure.count(), "margin"),
                new AggregateQuery("deal", null, null, null,
                        List.of(new RecordFilter("margin", FilterOperator.GT, List.of("5"))), null));
        for (AggregateQuery probe : probes) {
            assertThatThrownBy(() -> aggregates.run(repA, probe))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        Problem problem = e.problems().get(0);
                        assertThat(problem.code()).isEqualTo("unknown_field");
                        assertThat(problem.args()).containsExactly("margin");
                    });
            assertThat(aggregates.run(manager, probe).rows()).as("the manager may see margins").isNotEmpty();
        }
        // Indistinguishable from a field that does not exist: the hidden field's existence does not leak.
        assertThatThrownBy(() -> aggregates.run(repA, AggregateQuery.of("deal", Measure.of(AggregateFunction.SUM,
                "no_such_field")))).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems().get(0).code()).isEqualTo("unknown_field"));
    }

    @Test
    void datetimesGroupByTheDayInTheActorsZoneAndWeeksAreIsoWeeks() {
        AggregateQuery weeks = new AggregateQuery("deal", null, null,
                new PeriodGrouping("signed_at", PeriodUnit.WEEK), null, null);
        // 2026-03-01T16:30Z is Monday 00:30 in Shanghai (week 10) but still Sunday in UTC (week 9).
        assertThat(aggregates.run(director, weeks).rows())
                .extracting(r -> r.keys().get(0) + "=" + r.value(0))
                .containsExactly("2026-W09=1", "2026-W10=2", "2026-W14=1");
        Actor inUtc = new Actor(director.userId(), "director", director.roles(), Locale.ENGLISH, ZoneId.of("UTC"));
        assertThat(aggregates.run(inUtc, weeks).rows())
                .extracting(r -> r.keys().get(0) + "=" + r.value(0))
                .containsExactly("2026-W09=2", "2026-W10=1", "2026-W14=1");

        // 2026-12-31 (Thursday) and 2027-01-01 (Friday) are both in ISO week 53 of 2026.
        AggregateResult closed = aggregates.run(director, new AggregateQuery("deal", null, null,
                new PeriodGrouping("closed_on", PeriodUnit.WEEK), null, null));
        assertThat(closed.rows()).extracting(r -> r.keys().get(0) + "=" + r.value(0))
                .containsExactly("2026-W07=1", "2026-W09=1", "2026-W53=2");
        AggregateResult quarters = aggregates.run(director, new AggregateQuery("deal",
                List.of(Measure.of(AggregateFunction.SUM, "amount")), List.of("status"),
                new PeriodGrouping("closed_on", PeriodUnit.QUARTER), null, null));
        assertThat(quarters.dimensions()).containsExactly("status", "period:closed_on");
        assertThat(quarters.rows()).extracting(r -> r.keys() + "=" + r.value(0)).containsExactly(
                "[open, 2026-Q4]=100.10", "[won, 2026-Q1]=0.03", "[won, 2027-Q1]=200.20", "[lost, 2026-Q1]=1000.00");
    }

    @Test
    void averagesAreExactAndMinimumsAndMaximumsKeepTheFieldsType() {
        AggregateResult result = aggregates.run(director, new AggregateQuery("deal", List.of(
                Measure.of(AggregateFunction.AVG, "amount"), Measure.of(AggregateFunction.MIN, "closed_on"),
                Measure.of(AggregateFunction.MAX, "amount")), null, null, null, null));

        assertThat(result.single()).isEqualTo(new BigDecimal("325.0825"));
        assertThat(result.rows().get(0).value(1)).isEqualTo(LocalDate.of(2026, 2, 10));
        assertThat(result.rows().get(0).value(2)).isEqualTo(new BigDecimal("1000.00"));
        assertThatThrownBy(() -> aggregates.run(director, AggregateQuery.of("deal",
                Measure.of(AggregateFunction.SUM, "name"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .containsExactly(Problem.of("measures[0].field", "aggregate_not_numeric", "name", "sum")));
    }

    @Test
    void ownersRegionsAndTeamsGroupAndFilter() {
        AggregateResult byRegion = aggregates.run(director, AggregateQuery.of("deal",
                Measure.of(AggregateFunction.SUM, "amount"), AggregateService.OWNER_REGION));
        assertThat(byRegion.rows()).extracting(r -> r.keys().get(0) + "=" + r.value(0))
                .containsExactly("east=300.33", "west=1000.00");

        AggregateResult west = aggregates.run(director, new AggregateQuery("deal", null, null, null,
                List.of(new RecordFilter(AggregateService.OWNER_TEAM, FilterOperator.EQ, List.of("west-1"))), null));
        assertThat(west.single()).isEqualTo(1L);
        AggregateResult nobody = aggregates.run(director, new AggregateQuery("deal", null, null, null,
                List.of(new RecordFilter(AggregateService.OWNER_REGION, FilterOperator.EQ, List.of("mars"))), null));
        assertThat(nobody.single()).isEqualTo(0L);
    }

    @Test
    void relativeDatesFollowTheClock() {
        AggregateQuery lastMonth = new AggregateQuery("deal", null, null, null, List.of(
                new RecordFilter("closed_on", FilterOperator.GE, List.of("@today-30"))), null);
        harness.clock.set(Instant.parse("2026-03-02T01:00:00Z"));
        assertThat(aggregates.run(director, lastMonth).single()).as("2026-02-10, 02-27 and later").isEqualTo(4L);
        harness.clock.set(Instant.parse("2026-03-20T01:00:00Z"));
        assertThat(aggregates.run(director, lastMonth).single()).as("02-27 and the December deals").isEqualTo(3L);
        AggregateQuery thisMonthSigned = new AggregateQuery("deal", null, null, null, List.of(
                new RecordFilter("signed_at", FilterOperator.GE, List.of("@month")),
                new RecordFilter("signed_at", FilterOperator.LT, List.of("@next_month"))), null);
        // March in Shanghai starts at 2026-02-28T16:00Z: all three March signatures count.
        assertThat(aggregates.run(director, thisMonthSigned).single()).isEqualTo(3L);
    }

    private void deal(Actor owner, String name, String status, String amount, String margin, String closedOn,
                      String signedAt) {
        var record = engine.records().create(owner, "deal", Map.of("name", name, "status", status,
                "amount", new BigDecimal(amount), "closed_on", closedOn, "signed_at", signedAt));
        // Reps may not see the margin, so an admin writes it.
        engine.records().update(EngineHarness.admin(), "deal", record.id(), record.version(),
                Map.of("margin", new BigDecimal(margin)));
    }

    private UserAccount user(String name, Long managerId, String team, String region, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", managerId,
                team, region, Set.of(role)));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH,
                ZoneId.of("Asia/Shanghai"));
    }
}
