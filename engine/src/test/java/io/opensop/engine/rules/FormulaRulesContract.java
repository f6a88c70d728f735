package io.opensop.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.opensop.engine.EngineServices;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.formula.FormulaExplanation;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.security.Actor;
import io.opensop.engine.record.StoredRecords;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.EngineHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Formulas applied to records (computed fields, rules, conditions, uniqueness, roll-ups, publish
 * checks, recompute, explain), run unchanged on every supported database.
 */
abstract class FormulaRulesContract extends EngineContract {


    private void save(FormDefinition definition) {
        harness.saveDraft(definition);
    }

    private void publish(FormDefinition definition) {
        harness.publish(definition);
    }

    /** The contract rolls up payments and payments reference contracts: both drafts exist before either is published. */
    private void publishContractAndPayment() {
        save(RulesForms.contract());
        save(RulesForms.payment());
        engine.forms().publish(admin, "contract", false);
        engine.forms().publish(admin, "payment", false);
    }

    private FormDefinition edit(FormDefinition definition, String find, String replace) {
        String json = FormJson.write(definition);
        assertThat(json).contains(find);
        return FormJson.read(json.replace(find, replace));
    }

    private FormRecord contract(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("name", "C", "amount", 60000, "payment_days", 25));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return engine.records().create(admin, "contract", values);
    }

    private FormRecord payment(long contractId, String amount, String status) {
        return engine.records().create(admin, "payment",
                Map.of("contract", contractId, "amount", new BigDecimal(amount), "status", status));
    }

    private FormRecord reload(FormRecord record) {
        return engine.records().get(admin, record.formKey(), record.id());
    }

    private static List<Tuple3> problems(ValidationException e) {
        return e.problems().stream().map(p -> new Tuple3(p.field(), p.code(), p.args())).toList();
    }

    private record Tuple3(String field, String code, List<Object> args) {
    }

    @Test
    void theRebateIsStoredToTheCentAndRecomputedWhenAnInputChanges() {
        publishContractAndPayment();

        FormRecord paidFast = contract("amount", new BigDecimal("60000"), "payment_days", 25);
        FormRecord paidSlowly = contract("amount", new BigDecimal("60000"), "payment_days", 45);
        FormRecord small = contract("amount", new BigDecimal("40000"), "payment_days", 10);

        assertThat(paidFast.values().get("rebate")).isEqualTo(new BigDecimal("480.00"));
        assertThat(paidSlowly.values().get("rebate")).isEqualTo(new BigDecimal("0.00"));
        assertThat(small.values().get("rebate")).isEqualTo(new BigDecimal("0.00"));
        assertThat(reload(paidFast).values().get("rebate")).isEqualTo(new BigDecimal("480.00"));

        FormRecord slower = engine.records().update(admin, "contract", paidFast.id(), 1, Map.of("payment_days", 31));
        assertThat(slower.values().get("rebate")).isEqualTo(new BigDecimal("0.00"));
        FormRecord bigger = engine.records().update(admin, "contract", paidSlowly.id(), 1,
                Map.of("payment_days", 30, "amount", new BigDecimal("70000.63")));
        assertThat(bigger.values().get("amount")).isEqualTo(new BigDecimal("70000.63"));
        assertThat(bigger.values().get("rebate")).as("560.00504 rounds to the cent")
                .isEqualTo(new BigDecimal("560.01"));
        assertThat(engine.records().history(admin, "contract", paidFast.id()).get(0).changes())
                .anySatisfy(c -> {
                    assertThat(c.field()).isEqualTo("rebate");
                    assertThat(c.newValue()).isEqualTo(new BigDecimal("0.00"));
                });
    }

    @Test
    void aComputedFieldCannotBeSentByTheClient() {
        publishContractAndPayment();

        assertThatThrownBy(() -> contract("rebate", new BigDecimal("1000000")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("rebate", "read_only")));
    }

    @Test
    void aFailingRuleRefusesTheSaveNamingTheBlamedFieldInTheActorsLanguageAndWritesNothing() {
        publishContractAndPayment();
        Actor zhUser = new Actor(7L, "li", java.util.Set.of(Actor.ADMIN), java.util.Locale.SIMPLIFIED_CHINESE,
                EngineHarness.SHANGHAI);

        assertThatThrownBy(() -> contract("payment_days", 120))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(problems(e)).containsExactly(
                        new Tuple3("payment_days", "rule_failed",
                                List.of("Payment terms may not exceed 90 days", "payment_terms"))));
        assertThatThrownBy(() -> engine.records().create(zhUser, "contract",
                Map.of("name", "C", "amount", 1, "payment_days", 91)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).args().get(0))
                        .isEqualTo("回款天数不能超过 90 天"));

        assertThat(engine.records().list(admin, "contract", new RecordQuery(List.of(), List.of(), 10, null, true,
                false)).count()).isZero();
        assertThat(harness.dsl.fetchCount(harness.dsl.selectFrom("record_revision"))).isZero();

        FormRecord ok = contract("payment_days", 90);
        assertThatThrownBy(() -> engine.records().update(admin, "contract", ok.id(), 1, Map.of("payment_days", 91)))
                .isInstanceOf(ValidationException.class);
        assertThat(reload(ok).values().get("payment_days")).isEqualTo(new BigDecimal("90"));
        assertThat(reload(ok).version()).isEqualTo(1);
    }

    @Test
    void requiredWhenDemandsAValueOnlyWhileItsConditionHolds() {
        publishContractAndPayment();

        assertThatThrownBy(() -> contract("amount", new BigDecimal("150000")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("reason", "required")));
        FormRecord withReason = contract("amount", new BigDecimal("150000"), "reason", "strategic");
        FormRecord small = contract("amount", new BigDecimal("90000"));

        assertThat(withReason.values().get("reason")).isEqualTo("strategic");
        assertThatThrownBy(() -> engine.records().update(admin, "contract", small.id(), 1,
                Map.of("amount", new BigDecimal("100000.01"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("reason", "required")));
    }

    @Test
    void aRequiredFieldIsOnlyRequiredWhileItIsVisible() {
        publishContractAndPayment();

        FormRecord hidden = contract("amount", new BigDecimal("60000"));
        assertThat(hidden.values().get("board_note")).isNull();

        assertThatThrownBy(() -> contract("amount", new BigDecimal("2000000"), "reason", "big"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("board_note", "required")));
        assertThat(contract("amount", new BigDecimal("2000000"), "reason", "big", "board_note", "approved")
                .values().get("board_note")).isEqualTo("approved");
    }

    @Test
    void readOnlyWhenStopsChangesOnceTheStoredRecordMeetsTheCondition() {
        publishContractAndPayment();

        assertThatThrownBy(() -> contract("signed", true, "discount", new BigDecimal("0.05")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("discount", "read_only")));
        FormRecord draft = contract("signed", false, "discount", new BigDecimal("0.05"));

        FormRecord signed = engine.records().update(admin, "contract", draft.id(), 1,
                Map.of("signed", true, "discount", new BigDecimal("0.06")));
        assertThat(signed.values().get("discount")).isEqualTo(new BigDecimal("0.0600"));

        assertThatThrownBy(() -> engine.records().update(admin, "contract", draft.id(), 2,
                Map.of("discount", new BigDecimal("0.10"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("discount", "read_only")));
        assertThatThrownBy(() -> engine.records().update(admin, "contract", draft.id(), 2,
                Map.of("signed", false, "discount", new BigDecimal("0.10"))))
                .as("one save cannot lift the lock and change the locked value")
                .isInstanceOf(ValidationException.class);
        FormRecord other = engine.records().update(admin, "contract", draft.id(), 2, Map.of("name", "renamed"));
        assertThat(other.values().get("discount")).isEqualTo(new BigDecimal("0.0600"));
    }

    @Test
    void aUniqueFieldRefusesAValueAnotherLiveRecordHas() {
        publishContractAndPayment();
        FormRecord first = contract("contract_no", "HT-1");

        assertThatThrownBy(() -> contract("contract_no", "HT-1"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code).containsExactly(tuple("contract_no", "not_unique")));
        FormRecord second = contract("contract_no", "HT-2");
        assertThatThrownBy(() -> engine.records().update(admin, "contract", second.id(), 1,
                Map.of("contract_no", "HT-1"))).isInstanceOf(ValidationException.class);
        assertThat(engine.records().update(admin, "contract", first.id(), 1, Map.of("name", "same number"))
                .values().get("contract_no")).isEqualTo("HT-1");

        engine.records().delete(admin, "contract", first.id(), 2);
        assertThat(engine.records().update(admin, "contract", second.id(), 1, Map.of("contract_no", "HT-1"))
                .values().get("contract_no")).as("a deleted record's value is free again").isEqualTo("HT-1");
    }

    @Test
    void publishRefusesAFormulaThatDoesNotCheckNamingItsPathAndRange() {
        FormDefinition broken = edit(RulesForms.contract(), "amount * 0.008, 0)", "amount * 0.008, nme)");
        save(broken);
        save(RulesForms.payment());

        assertThatThrownBy(() -> engine.forms().publish(admin, "contract", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    Problem problem = e.problems().get(0);
                    assertThat(problem.field()).isEqualTo("$.fields[4].formula");
                    assertThat(problem.code()).isEqualTo("formula_invalid");
                    int start = RulesForms.REBATE.indexOf("0)", 30);
                    assertThat(problem.args()).containsExactly("there is no field \"nme\"".equals(problem.args().get(0))
                                    ? problem.args().get(0) : problem.args().get(0), start, start + 3, "unknown_field",
                            problem.args().get(4));
                    assertThat((String) problem.args().get(0)).contains("nme");
                    assertThat(e.problems()).hasSize(1);
                });
        assertThat(engine.forms().current("contract")).isEmpty();
    }

    @Test
    void publishRefusesBadRulesConditionsAndRollupsAtTheirPaths() {
        FormDefinition broken = edit(edit(edit(RulesForms.contract(),
                "\"requiredWhen\":\"amount > 100000\"", "\"requiredWhen\":\"amount + 1\""),
                "\"expression\":\"payment_days <= 90\"", "\"expression\":\"payment_days <= \""),
                "\"field\":\"amount\"", "\"field\":\"status\"");
        save(broken);
        save(RulesForms.payment());

        assertThatThrownBy(() -> engine.forms().publish(admin, "contract", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactlyInAnyOrder(tuple("$.fields[7].requiredWhen", "formula_invalid"),
                                tuple("$.fields[9].rollup.field", "rollup_field"),
                                tuple("$.rules[0].expression", "formula_invalid")));
    }

    @Test
    void publishRefusesFormulasThatDependOnEachOtherInACycleNamingTheCycle() {
        FormDefinition cyclic = Stream.of(
                        "{\"key\":\"a\",\"type\":\"formula\",\"label\":{\"en\":\"A\"},\"resultType\":\"number\",\"formula\":\"b + 1\"}",
                        "{\"key\":\"b\",\"type\":\"formula\",\"label\":{\"en\":\"B\"},\"resultType\":\"number\",\"formula\":\"a + 1\"}")
                .reduce(RulesForms.bulk("amount"), io.opensop.engine.testing.Forms::withField, (x, y) -> y);
        save(cyclic);

        assertThatThrownBy(() -> engine.forms().publish(admin, "bulk", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code, p -> p.args().get(0))
                        .containsExactly(tuple("$.fields[2].formula", "formula_cycle", "a → b → a")));
    }

    private static final String VISIT = """
            {"key":"visit","app":"crm","label":{"en":"Visit"},
             "fields":[{"key":"name","type":"text","label":{"en":"Name"}},
                       {"key":"visited_at","type":"datetime","label":{"en":"Visited at"}},
                       {"key":"quality","type":"boolean","label":{"en":"Quality"}}],
             "permissions":{"create":["rep"],"read":["rep"],"update":["rep"],"delete":["rep"]}}
            """;
    private static final String SCORECARD = """
            {"key":"scorecard","app":"crm","label":{"en":"Scorecard"},
             "fields":[{"key":"rep","type":"user","label":{"en":"Rep"}},
                       {"key":"week_start","type":"date","label":{"en":"Week"}},
                       {"key":"visits","type":"rollup","label":{"en":"Visits"},"resultType":"number","scale":0,
                        "rollup":{"form":"visit","aggregate":"COUNT","filter":"quality",
                                  "period":{"owner":"rep","start":"week_start","unit":"week","date":"visited_at"}}},
                       {"key":"visits_before","type":"rollup","label":{"en":"Visits the week before"},
                        "resultType":"number","scale":0,
                        "rollup":{"form":"visit","aggregate":"COUNT","filter":"quality",
                                  "period":{"owner":"rep","start":"week_start","unit":"week","date":"visited_at",
                                            "offset":-1}}}]}
            """;

    @Test
    void aPeriodRollUpFilesOneScorecardPerOwnerAndWeekAndFollowsEditsMovesAndDeletes() {
        publish(FormJson.read(VISIT));
        publish(FormJson.read(SCORECARD));
        Actor ann = EngineHarness.user(engine.users().create(new io.opensop.engine.user.NewUser("ann", "x", "Ann",
                null, "en", "Asia/Shanghai", null, null, null, java.util.Set.of("rep"))).id(), "ann", "rep");
        Actor bob = EngineHarness.user(engine.users().create(new io.opensop.engine.user.NewUser("bob", "x", "Bob",
                null, "en", "Asia/Shanghai", null, null, null, java.util.Set.of("rep"))).id(), "bob", "rep");

        // Sunday 23:30 in Shanghai is still the week of Monday 2026-03-02 (and Saturday 15:30 UTC)
        FormRecord late = engine.records().create(ann, "visit",
                Map.of("name", "late", "visited_at", "2026-03-08T23:30:00+08:00", "quality", true));
        engine.records().create(ann, "visit",
                Map.of("name", "next", "visited_at", "2026-03-09T08:00:00+08:00", "quality", true));
        engine.records().create(ann, "visit",
                Map.of("name", "shallow", "visited_at", "2026-03-09T09:00:00+08:00", "quality", false));
        engine.records().create(bob, "visit",
                Map.of("name", "bob's", "visited_at", "2026-03-03T10:00:00+08:00", "quality", true));

        assertThat(scorecards()).containsExactlyInAnyOrder("ann 2026-03-02 1/0", "ann 2026-03-09 1/1",
                "bob 2026-03-02 1/0");

        engine.records().update(ann, "visit", late.id(), late.version(),
                Map.of("visited_at", "2026-03-10T10:00:00+08:00"));
        assertThat(scorecards()).containsExactlyInAnyOrder("ann 2026-03-02 0/0", "ann 2026-03-09 2/0",
                "bob 2026-03-02 1/0");

        FormRecord moved = engine.records().get(ann, "visit", late.id());
        engine.records().delete(ann, "visit", moved.id(), moved.version());
        assertThat(scorecards()).containsExactlyInAnyOrder("ann 2026-03-02 0/0", "ann 2026-03-09 1/0",
                "bob 2026-03-02 1/0");
        assertThat(engine.records().list(admin, "scorecard", RecordQuery.firstPage(10)).items())
                .allSatisfy(card -> assertThat(card.ownerId()).isEqualTo(card.values().get("rep")));
    }

    @Test
    void twoSimultaneousFirstSavesOfARepInOneWeekFileOneScorecard() throws Exception {
        publish(FormJson.read(VISIT));
        publish(FormJson.read(SCORECARD));
        Actor ann = EngineHarness.user(engine.users().create(new io.opensop.engine.user.NewUser("ann", "x", "Ann",
                null, "en", "Asia/Shanghai", null, null, null, java.util.Set.of("rep"))).id(), "ann", "rep");
        // both saves wait for each other inside their transactions, so each looks for the week's
        // scorecard before the other has committed
        CyclicBarrier bothSaving = new CyclicBarrier(2);
        RecordSaveHook meetInTheSave = new RecordSaveHook() {
            @Override
            public void beforeWrite(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                                    List<Problem> problems) {
                if (form.key().equals("visit")) {
                    try {
                        bothSaving.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("the other save did not come", e);
                    }
                }
            }
        };
        EngineServices racing = new EngineHarness(dataSource, List.of(meetInTheSave)).engine;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<FormRecord> first = threads.submit(() -> racing.records().create(ann, "visit",
                    Map.of("name", "first", "visited_at", "2026-03-03T10:00:00+08:00", "quality", true)));
            Future<FormRecord> second = threads.submit(() -> racing.records().create(ann, "visit",
                    Map.of("name", "second", "visited_at", "2026-03-04T10:00:00+08:00", "quality", true)));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(scorecards()).containsExactly("ann 2026-03-02 2/0");
    }

    private List<String> scorecards() {
        return engine.records().list(admin, "scorecard", RecordQuery.firstPage(10)).items().stream()
                .map(card -> engine.users().byId(((Number) card.values().get("rep")).longValue()).orElseThrow()
                        .username() + " " + card.values().get("week_start") + " "
                        + ((BigDecimal) card.values().get("visits")).intValue() + "/"
                        + ((BigDecimal) card.values().get("visits_before")).intValue())
                .toList();
    }

    @Test
    void publishRefusesAPeriodRollUpWhoseFieldsDoNotFit() {
        publish(FormJson.read(VISIT));
        save(FormJson.read(SCORECARD.replace("\"owner\":\"rep\",\"start\":\"week_start\",\"unit\":\"week\",\"date\":\"visited_at\"}}},",
                "\"owner\":\"week_start\",\"start\":\"rep\",\"unit\":\"week\",\"date\":\"name\"}}},")));

        assertThatThrownBy(() -> engine.forms().publish(admin, "scorecard", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactlyInAnyOrder(tuple("$.fields[2].rollup.period.owner", "rollup_period_field"),
                                tuple("$.fields[2].rollup.period.start", "rollup_period_field"),
                                tuple("$.fields[2].rollup.period.date", "rollup_period_field")));
        assertThatThrownBy(() -> engine.forms().updateDraft(admin, "scorecard",
                engine.forms().draft(admin, "scorecard").draftRevision(),
                FormJson.read(SCORECARD.replace("\"unit\":\"week\",\"date\":\"visited_at\"}}},",
                        "\"unit\":\"fortnight\",\"date\":\"visited_at\"}}},"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(tuple("$.fields[2].rollup.period.unit", "rollup_period_unit")));
    }

    @Test
    void rollUpsFollowChildrenThroughCreateEditMoveDeleteAndRestore() {
        publishContractAndPayment();
        FormRecord first = contract("amount", new BigDecimal("10000"));
        FormRecord second = contract("amount", new BigDecimal("20000"));
        assertThat(first.values()).containsEntry("paid_total", new BigDecimal("0.00"))
                .containsEntry("payment_count", new BigDecimal("0")).containsEntry("outstanding", new BigDecimal("10000.00"));

        FormRecord a = payment(first.id(), "1000", "paid");
        FormRecord b = payment(first.id(), "500.50", "pending");
        assertThat(reload(first).values()).containsEntry("paid_total", new BigDecimal("1000.00"))
                .containsEntry("payment_count", new BigDecimal("2"))
                .containsEntry("fee_total", new BigDecimal("15.01"))
                .containsEntry("outstanding", new BigDecimal("9000.00"));

        engine.records().update(admin, "payment", b.id(), 1, Map.of("status", "paid"));
        assertThat(reload(first).values().get("paid_total")).as("edit").isEqualTo(new BigDecimal("1500.50"));

        engine.records().update(admin, "payment", a.id(), 1, Map.of("contract", second.id()));
        assertThat(reload(first).values()).as("moved away").containsEntry("paid_total", new BigDecimal("500.50"))
                .containsEntry("payment_count", new BigDecimal("1"));
        assertThat(reload(second).values()).as("moved in").containsEntry("paid_total", new BigDecimal("1000.00"))
                .containsEntry("outstanding", new BigDecimal("19000.00"));

        engine.records().delete(admin, "payment", b.id(), 2);
        assertThat(reload(first).values()).as("delete").containsEntry("paid_total", new BigDecimal("0.00"))
                .containsEntry("payment_count", new BigDecimal("0")).containsEntry("fee_total", new BigDecimal("0.00"));

        engine.records().restore(admin, "payment", b.id(), 3);
        assertThat(reload(first).values()).as("restore").containsEntry("paid_total", new BigDecimal("500.50"))
                .containsEntry("fee_total", new BigDecimal("5.01"));
    }

    @Test
    void aRollUpWriteBumpsTheParentVersionSoAnEditorHoldingTheOldOneIsStopped() {
        publishContractAndPayment();
        FormRecord parent = contract();
        payment(parent.id(), "100", "paid");

        FormRecord after = reload(parent);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedBy()).isEqualTo("system");
        assertThat(engine.records().history(admin, "contract", parent.id()))
                .extracting(Revision::action, Revision::changedBy)
                .contains(tuple(Revision.RECOMPUTE, "system"));
        assertThatThrownBy(() -> engine.records().update(admin, "contract", parent.id(), 1, Map.of("name", "stale")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aChangedFormulaIsRecomputedOnEveryExistingRowInBatchesReportingProgress() {
        publish(RulesForms.bulk("amount * 0.01"));
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 1200; i++) {
            ids.add(engine.records().create(admin, "bulk", Map.of("amount", BigDecimal.valueOf(i))).id());
        }
        engine.records().delete(admin, "bulk", ids.get(7), 1);
        harness.events.clear();

        publish(RulesForms.bulk("amount * 0.02"));

        List<RecomputeProgress> progress = harness.events.stream().filter(RecomputeProgress.class::isInstance)
                .map(RecomputeProgress.class::cast).toList();
        assertThat(progress).extracting(RecomputeProgress::processed, RecomputeProgress::finished)
                .containsExactly(tuple(500L, false), tuple(1000L, false), tuple(1200L, false), tuple(1200L, true));
        assertThat(progress.get(3).total()).isEqualTo(1200);
        assertThat(progress.get(3).changed()).isEqualTo(1200);
        assertThat(progress.get(3).failed()).isEmpty();
        Map<BigDecimal, BigDecimal> wrong = new LinkedHashMap<>();
        for (Map<String, Object> row : harness.dsl.fetch("select \"c_amount\", \"c_bonus\" from \"rec_bulk\"").intoMaps()) {
            BigDecimal amount = (BigDecimal) row.get("c_amount");
            BigDecimal bonus = (BigDecimal) row.get("c_bonus");
            if (bonus.compareTo(amount.multiply(new BigDecimal("0.02"))) != 0) {
                wrong.put(amount, bonus);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(engine.records().get(admin, "bulk", ids.get(99)).values().get("bonus"))
                .isEqualTo(new BigDecimal("2.00"));

        RecomputeProgress again = engine.formulaRecompute().run("bulk", p -> { });
        assertThat(again.changed()).as("a second run finds nothing to do").isZero();
        assertThat(again.processed()).isEqualTo(1200);
    }

    @Test
    void aBatchedComputedWriteSkipsARowSavedMeanwhileAndWritesTheOthers() {
        publish(RulesForms.bulk("amount * 0.01"));
        FormRecord untouched = engine.records().create(admin, "bulk", Map.of("amount", BigDecimal.valueOf(100)));
        FormRecord stale = engine.records().create(admin, "bulk", Map.of("amount", BigDecimal.valueOf(200)));
        engine.records().update(admin, "bulk", stale.id(), stale.version(), Map.of("amount", BigDecimal.valueOf(300)));
        StoredRecords stored = new StoredRecords(harness.dsl, engine.forms(), engine.revisions(), harness.clock);
        PublishedForm form = engine.forms().current("bulk").orElseThrow();
        Map<String, Object> recomputed = Map.of("amount", BigDecimal.valueOf(100), "bonus", new BigDecimal("9.99"));

        boolean[] written = stored.writeComputedAll(form, List.of(
                new StoredRecords.ComputedValues(untouched, recomputed),
                new StoredRecords.ComputedValues(stale, recomputed)));

        assertThat(written).containsExactly(true, false);
        FormRecord first = engine.records().get(admin, "bulk", untouched.id());
        assertThat(first.values().get("bonus")).isEqualTo(new BigDecimal("9.99"));
        assertThat(first.version()).isEqualTo(untouched.version() + 1);
        FormRecord second = engine.records().get(admin, "bulk", stale.id());
        assertThat(second.values().get("bonus")).as("the later save's value is kept").isEqualTo(new BigDecimal("3.00"));
        assertThat(engine.records().history(admin, "bulk", untouched.id())).extracting(Revision::action)
                .containsExactly(Revision.RECOMPUTE, Revision.CREATE);
        assertThat(engine.records().history(admin, "bulk", stale.id())).extracting(Revision::action)
                .doesNotContain(Revision.RECOMPUTE);
    }

    @Test
    void explainShowsTheInputsAndTheValueOfEverySubExpression() {
        publishContractAndPayment();
        FormRecord record = contract("amount", new BigDecimal("60000"), "payment_days", 25);

        FieldExplanation why = engine.explainer().explain(admin, "contract", record.id(), "rebate");

        assertThat(why.storedValue()).isEqualTo(new BigDecimal("480.00"));
        assertThat(why.formula()).isEqualTo(RulesForms.REBATE);
        assertThat(why.inputs()).containsEntry("amount", new BigDecimal("60000.00"))
                .containsEntry("payment_days", new BigDecimal("25"));
        FormulaExplanation root = why.explanation();
        assertThat((BigDecimal) root.value()).isEqualByComparingTo("480");
        assertThat(flatten(root)).extracting(FormulaExplanation::source)
                .contains("amount >= 50000 && payment_days <= 30", "amount * 0.008", "payment_days");
        FormulaExplanation condition = flatten(root).stream()
                .filter(x -> x.source().equals("amount >= 50000 && payment_days <= 30")).findFirst().orElseThrow();
        assertThat(condition.value()).isEqualTo(true);
        assertThatThrownBy(() -> engine.explainer().explain(admin, "contract", record.id(), "amount"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("not_a_formula"));
    }

    private static List<FormulaExplanation> flatten(FormulaExplanation node) {
        List<FormulaExplanation> all = new ArrayList<>();
        all.add(node);
        node.children().forEach(c -> all.addAll(flatten(c)));
        return all;
    }
}
