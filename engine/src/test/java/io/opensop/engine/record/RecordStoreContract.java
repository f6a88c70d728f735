package io.opensop.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.audit.FieldChange;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineContract;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.Forms;
import io.opensop.engine.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The record store's behaviour, run unchanged on every supported database: each subclass only
 * says which database.
 */
abstract class RecordStoreContract extends EngineContract {


    private void publish(FormDefinition definition) {
        harness.publish(definition);
    }

    private FormDefinition edit(FormDefinition definition, String find, String replace) {
        String json = FormJson.write(definition);
        assertThat(json).contains(find);
        return FormJson.read(json.replace(find, replace));
    }

    private long customer(String name) {
        return engine.records().create(admin, "customer", Map.of("name", name, "industry", "it")).id();
    }

    private Map<String, Object> dealValues(long customerId, AttachmentRef file) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Big deal 大单");
        values.put("notes", "long ".repeat(300));
        values.put("amount", new BigDecimal("60000.5"));
        values.put("rate", new BigDecimal("0.125"));
        values.put("quantity", 3);
        values.put("close_date", "2026-03-31");
        values.put("signed_at", "2026-03-02T23:59:00+08:00");
        values.put("won", true);
        values.put("level", "b");
        values.put("tags", List.of("vip", "hot"));
        values.put("customer", customerId);
        values.put("lines", List.of(Map.of("product", "Licence", "qty", 2, "price", new BigDecimal("100.10")),
                Map.of("product", "Support", "qty", 1)));
        values.put("files", List.of(file.id()));
        return values;
    }

    private AttachmentRef upload(String name, String content) {
        return engine.attachments().store("admin", name, "text/plain",
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 10_000);
    }

    @Test
    void everyFieldTypeIsStoredAndReadBackExactly() {
        publish(Forms.customer());
        publish(Forms.deal());
        long customerId = customer("ACME");
        AttachmentRef file = upload("../../etc/需求.txt", "needs assessment");

        FormRecord created = engine.records().create(admin, "deal", dealValues(customerId, file));
        FormRecord read = engine.records().get(admin, "deal", created.id());

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.formVersion()).isEqualTo(1);
        Map<String, Object> v = read.values();
        assertThat(v.get("name")).isEqualTo("Big deal 大单");
        assertThat(v.get("notes")).isEqualTo("long ".repeat(300));
        assertThat(v.get("amount")).isEqualTo(new BigDecimal("60000.50"));
        assertThat(v.get("rate")).isEqualTo(new BigDecimal("0.1250"));
        assertThat(v.get("quantity")).isEqualTo(new BigDecimal("3"));
        assertThat(v.get("close_date")).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(v.get("signed_at")).isEqualTo(OffsetDateTime.parse("2026-03-02T15:59:00Z"));
        assertThat(v.get("won")).isEqualTo(true);
        assertThat(v.get("level")).isEqualTo("b");
        assertThat(v.get("tags")).isEqualTo(List.of("vip", "hot"));
        assertThat(v.get("customer")).isEqualTo(customerId);
        assertThat(v.get("files")).isEqualTo(List.of(new AttachmentRef(file.id(), "需求.txt", "text/plain", 16)));
        assertThat(v.get("code")).isEqualTo("HT-2026-0001");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) v.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).containsEntry("product", "Licence").containsEntry("price", new BigDecimal("100.10"));
        assertThat(lines.get(1).get("price")).isNull();
        assertThat(read).isEqualTo(created);
    }

    @Test
    void badValuesAreRefusedNamingEachFieldAndNothingIsWritten() {
        publish(Forms.customer());
        publish(Forms.deal());
        Map<String, Object> values = new HashMap<>();
        values.put("amount", "a lot");
        values.put("rate", new BigDecimal("0.12345"));
        values.put("close_date", "31/03/2026");
        values.put("level", "z");
        values.put("customer", 999);
        values.put("code", "HT-1");
        values.put("unknown", 1);
        values.put("lines", List.of(Map.of("qty", 1)));

        assertThatThrownBy(() -> engine.records().create(admin, "deal", values))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .contains(org.assertj.core.groups.Tuple.tuple("amount", "expected_type"),
                                org.assertj.core.groups.Tuple.tuple("rate", "too_many_decimals"),
                                org.assertj.core.groups.Tuple.tuple("close_date", "invalid_date"),
                                org.assertj.core.groups.Tuple.tuple("level", "unknown_option"),
                                org.assertj.core.groups.Tuple.tuple("customer", "unknown_record"),
                                org.assertj.core.groups.Tuple.tuple("code", "read_only"),
                                org.assertj.core.groups.Tuple.tuple("unknown", "unknown_field"),
                                org.assertj.core.groups.Tuple.tuple("lines[0].product", "required")));
        assertThatThrownBy(() -> engine.records().create(admin, "deal", Map.of("amount", 5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "required")));

        assertThat(engine.records().list(admin, "deal", countQuery()).count()).isZero();
        assertThat(harness.dsl.fetchCount(harness.dsl.selectFrom("record_revision"))).isZero();
        FormRecord first = engine.records().create(admin, "deal", Map.of("name", "first"));
        assertThat(first.values().get("code")).as("a refused save consumes no number").isEqualTo("HT-2026-0001");
    }

    private static RecordQuery countQuery() {
        return new RecordQuery(List.of(), List.of(), 10, null, true, false);
    }

    @Test
    void addingAFieldKeepsEveryStoredValue() {
        publish(Forms.customer());
        long id = customer("ACME");

        FormDefinition withPhone = Forms.withField(Forms.customer(),
                "{\"key\":\"phone\",\"type\":\"text\",\"label\":{\"en\":\"Phone\"}}");
        publish(withPhone);

        FormRecord record = engine.records().get(admin, "customer", id);
        assertThat(record.values()).containsEntry("name", "ACME").containsEntry("industry", "it").containsEntry("phone", null);
        assertThat(record.formVersion()).isEqualTo(1);
        FormRecord updated = engine.records().update(admin, "customer", id, 1, Map.of("phone", "+86 10 1234"));
        assertThat(updated.formVersion()).isEqualTo(2);
        assertThat(updated.values()).containsEntry("name", "ACME").containsEntry("phone", "+86 10 1234");
    }

    @Test
    void aFieldThatBecomesUniqueIsIndexedForItsCheckButALongTextOneOnlyChecked() {
        publish(Forms.customer());
        assertThat(TestDatabases.indexedColumns(dataSource, "rec_customer")).contains("c_industry")
                .doesNotContain("c_name");

        FormDefinition unique = edit(Forms.customer(), "\"required\":true", "\"required\":true,\"unique\":true");
        publish(Forms.withField(unique,
                "{\"key\":\"memo\",\"type\":\"text\",\"maxLength\":1000,\"unique\":true,\"label\":{\"en\":\"Memo\"}}"));

        // a PostgreSQL index entry holds about 2.7 kB, so 1,000 characters of text are checked without one
        assertThat(TestDatabases.indexedColumns(dataSource, "rec_customer")).contains("c_name")
                .doesNotContain("c_memo");
        engine.records().create(admin, "customer", Map.of("name", "ACME", "memo", "m".repeat(1000)));
        assertThatThrownBy(() -> engine.records().create(admin, "customer", Map.of("name", "ACME")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("not_unique"));
        assertThatThrownBy(() -> engine.records().create(admin, "customer",
                Map.of("name", "Other", "memo", "m".repeat(1000))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("not_unique"));
    }

    @Test
    void renamingAFieldChangesItsLabelOnly() {
        publish(Forms.customer());
        long id = customer("ACME");

        PublishResult result = engine.forms().publish(admin, "customer", true);
        assertThat(result.changes()).isEmpty();
        FormDefinition renamed = edit(Forms.customer(), "\"Name\"", "\"Company name\"");
        FormDraft draft = engine.forms().draft(admin, "customer");
        engine.forms().updateDraft(admin, "customer", draft.draftRevision(), renamed);
        assertThat(engine.forms().publish(admin, "customer", false).changes()).isEmpty();

        assertThat(engine.records().get(admin, "customer", id).values()).containsEntry("name", "ACME");
        assertThat(engine.forms().current("customer").orElseThrow().definition().field("name").orElseThrow()
                .label().in(java.util.Locale.ENGLISH)).isEqualTo("Company name");
    }

    @Test
    void deletingAFieldHidesItAndRestoringItBringsItsValuesBack() {
        publish(Forms.customer());
        long id = customer("ACME");
        FormDefinition withoutIndustry = FormJson.read(FormJson.write(Forms.customer())
                .replaceAll(",\\{\"key\":\"industry\".*]}]", "]"));
        assertThat(withoutIndustry.field("industry")).isEmpty();

        publish(withoutIndustry);
        assertThat(engine.records().get(admin, "customer", id).values()).doesNotContainKey("industry");
        assertThatThrownBy(() -> engine.records().update(admin, "customer", id, 1, Map.of("industry", "it")))
                .isInstanceOf(ValidationException.class);

        publish(Forms.customer());
        assertThat(engine.records().get(admin, "customer", id).values()).containsEntry("industry", "it");
        assertThat(engine.forms().versions(admin, "customer")).hasSize(3);
    }

    @Test
    void retypingConvertsEveryValueIntoANewColumnAndKeepsTheOldOne() {
        FormDefinition textScore = FormJson.read("""
                {"key":"lead","label":{"en":"Lead"},"fields":[
                  {"key":"score","type":"text","label":{"en":"Score"}},
                  {"key":"lines","type":"sub_form","label":{"en":"Lines"},"fields":[
                     {"key":"qty","type":"text","label":{"en":"Qty"}}]}]}
                """);
        publish(textScore);
        List<Long> ids = new ArrayList<>();
        for (String score : List.of("12", "7.5", "1,200")) {
            ids.add(engine.records().create(admin, "lead", Map.of("score", score,
                    "lines", List.of(Map.of("qty", score)))).id());
        }
        long blank = engine.records().create(admin, "lead", Map.of()).id();

        FormDefinition numeric = edit(textScore, "\"type\":\"text\"", "\"type\":\"number\"");
        PublishResult preview = engine.forms().publish(admin, "lead", true);
        assertThat(preview.failures()).isEmpty();
        publish(numeric);

        assertThat(engine.records().get(admin, "lead", ids.get(0)).values().get("score")).isEqualTo(new BigDecimal("12.0000"));
        assertThat(engine.records().get(admin, "lead", ids.get(1)).values().get("score")).isEqualTo(new BigDecimal("7.5000"));
        assertThat(engine.records().get(admin, "lead", ids.get(2)).values().get("score")).isEqualTo(new BigDecimal("1200.0000"));
        assertThat(engine.records().get(admin, "lead", blank).values().get("score")).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) engine.records().get(admin, "lead", ids.get(2))
                .values().get("lines");
        assertThat(lines.get(0).get("qty")).isEqualTo(new BigDecimal("1200.0000"));
        assertThat(harness.dsl.fetchValue("select count(*) from \"rec_lead\" where \"c_score\" = '1,200'"))
                .as("the old column keeps the original text").isEqualTo(1L);
    }

    @Test
    void aRetypeThatWouldLoseValuesIsRefusedWithTheCountAndTheFirstRecords() {
        FormDefinition textScore = FormJson.read("""
                {"key":"lead","label":{"en":"Lead"},"fields":[{"key":"score","type":"text","label":{"en":"Score"}}]}
                """);
        publish(textScore);
        engine.records().create(admin, "lead", Map.of("score", "12"));
        long bad1 = engine.records().create(admin, "lead", Map.of("score", "high")).id();
        long bad2 = engine.records().create(admin, "lead", Map.of("score", "very high")).id();

        FormDefinition numeric = edit(textScore, "\"type\":\"text\"", "\"type\":\"number\"");
        FormDraft draft = engine.forms().draft(admin, "lead");
        engine.forms().updateDraft(admin, "lead", draft.draftRevision(), numeric);

        PublishResult preview = engine.forms().publish(admin, "lead", true);
        assertThat(preview.failures()).singleElement().satisfies(f -> {
            assertThat(f.rowCount()).isEqualTo(2);
            assertThat(f.firstRecordIds()).containsExactly(bad1, bad2);
        });
        assertThatThrownBy(() -> engine.forms().publish(admin, "lead", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("score");
                            assertThat(p.code()).isEqualTo("retype_refused");
                            assertThat(p.args()).contains(2L);
                        }));
        assertThat(engine.forms().current("lead").orElseThrow().version()).isEqualTo(1);
        assertThat(engine.records().get(admin, "lead", bad1).values()).containsEntry("score", "high");
    }

    @Test
    void twoConcurrentUpdatesOfTheSameVersionLetExactlyOneWin() throws Exception {
        publish(Forms.customer());
        long id = customer("ACME");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Object>> edits = new ArrayList<>();
            for (String name : List.of("Alpha", "Beta")) {
                edits.add(() -> {
                    start.await();
                    try {
                        return engine.records().update(admin, "customer", id, 1, Map.of("name", name));
                    } catch (ConflictException e) {
                        return e;
                    }
                });
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : pool.invokeAll(edits)) {
                outcomes.add(f.get());
            }
            List<FormRecord> winners = outcomes.stream().filter(FormRecord.class::isInstance)
                    .map(FormRecord.class::cast).toList();
            List<ConflictException> losers = outcomes.stream().filter(ConflictException.class::isInstance)
                    .map(ConflictException.class::cast).toList();
            assertThat(winners).hasSize(1);
            assertThat(losers).singleElement().satisfies(e -> assertThat(e.currentVersion()).isEqualTo(2L));
            FormRecord stored = engine.records().get(admin, "customer", id);
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.values().get("name")).isEqualTo(winners.get(0).values().get("name"));
            assertThat(engine.records().history(admin, "customer", id)).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStaleVersionIsRefusedWithTheCurrentVersion() {
        publish(Forms.customer());
        long id = customer("ACME");
        engine.records().update(admin, "customer", id, 1, Map.of("name", "ACME Ltd"));

        assertThatThrownBy(() -> engine.records().update(admin, "customer", id, 1, Map.of("name", "Mine")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.currentVersion()).isEqualTo(2L));
        assertThatThrownBy(() -> engine.records().delete(admin, "customer", id, 1))
                .isInstanceOf(ConflictException.class);
        assertThat(engine.records().get(admin, "customer", id).values().get("name")).isEqualTo("ACME Ltd");
    }

    @Test
    void revisionsListEveryChangeWithOldAndNewValues() {
        publish(Forms.customer());
        long id = customer("ACME");
        engine.records().update(admin, "customer", id, 1, Map.of("name", "ACME Ltd", "industry", "retail"));
        engine.records().update(admin, "customer", id, 2, Map.of("name", "ACME Ltd"));
        engine.records().delete(admin, "customer", id, 2);
        assertThatThrownBy(() -> engine.records().get(admin, "customer", id)).isInstanceOf(NotFoundException.class);
        engine.records().restore(admin, "customer", id, 3);

        List<Revision> history = engine.records().history(admin, "customer", id);
        assertThat(history).extracting(Revision::action, Revision::recordVersion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("RESTORE", 4L),
                org.assertj.core.groups.Tuple.tuple("DELETE", 3L),
                org.assertj.core.groups.Tuple.tuple("UPDATE", 2L),
                org.assertj.core.groups.Tuple.tuple("CREATE", 1L));
        assertThat(history.get(2).changes()).containsExactlyInAnyOrder(
                new FieldChange("name", "ACME", "ACME Ltd"), new FieldChange("industry", "it", "retail"));
        assertThat(history.get(3).changes()).containsExactlyInAnyOrder(
                new FieldChange("name", null, "ACME"), new FieldChange("industry", null, "it"));
        assertThat(history).allSatisfy(r -> assertThat(r.changedBy()).isEqualTo("admin"));
        assertThat(harness.events).hasSize(4);
    }

    @Test
    void keysetPagesVisitEveryRecordOnceInSortOrderWithBlanksLast() {
        publish(Forms.customer());
        publish(Forms.deal());
        List<Long> expected = new ArrayList<>();
        Map<Long, BigDecimal> amounts = new HashMap<>();
        for (int i = 0; i < 23; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", "deal " + i);
            BigDecimal amount = i % 5 == 0 ? null : BigDecimal.valueOf((i * 37) % 11 * 1000L);
            values.put("amount", amount);
            long id = engine.records().create(admin, "deal", values).id();
            amounts.put(id, amount);
            expected.add(id);
        }
        expected.sort((a, b) -> {
            BigDecimal x = amounts.get(a);
            BigDecimal y = amounts.get(b);
            if (x == null || y == null) {
                return x == y ? Long.compare(a, b) : x == null ? 1 : -1;
            }
            int byAmount = y.compareTo(x);
            return byAmount != 0 ? byAmount : Long.compare(a, b);
        });

        List<Long> visited = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            RecordPage page = engine.records().list(admin, "deal", new RecordQuery(List.of(),
                    List.of(new RecordSort("amount", true)), 4, after, false, false));
            page.items().forEach(r -> visited.add(r.id()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(visited).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(6);
    }

    @Test
    void keysetPagesOverANotNullSystemColumnVisitEveryRecordOnce() {
        publish(Forms.customer());
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            if (i % 2 == 0) {
                harness.clock.advance(java.time.Duration.ofMinutes(1));
            }
            created.add(customer("c" + i));
        }
        List<Long> visited = new ArrayList<>();
        String after = null;
        do {
            RecordPage page = engine.records().list(admin, "customer", new RecordQuery(List.of(),
                    List.of(new RecordSort("updated_at", true)), 3, after, false, false));
            page.items().forEach(r -> visited.add(r.id()));
            after = page.next();
        } while (after != null);

        // Newest minute first; records saved in the same minute come in id order.
        assertThat(visited).containsExactly(created.get(6), created.get(4), created.get(5), created.get(2),
                created.get(3), created.get(0), created.get(1));
    }

    @Test
    void filtersSelectExactlyTheMatchingRecords() {
        publish(Forms.customer());
        publish(Forms.deal());
        long a = engine.records().create(admin, "deal", Map.of("name", "Alpha", "amount", 100, "tags", List.of("hot"),
                "close_date", "2026-01-10")).id();
        long b = engine.records().create(admin, "deal", Map.of("name", "Beta", "amount", 2000, "tags", List.of("vip", "hot"),
                "close_date", "2026-02-10")).id();
        long c = engine.records().create(admin, "deal", Map.of("name", "alphabet soup", "close_date", "2026-03-10")).id();

        assertThat(ids(filter("amount", FilterOperator.GT, "100"))).containsExactly(b);
        assertThat(ids(filter("amount", FilterOperator.GE, "100"))).containsExactly(a, b);
        assertThat(ids(filter("amount", FilterOperator.LT, "2000"))).containsExactly(a);
        assertThat(ids(filter("amount", FilterOperator.LE, "2000"))).containsExactly(a, b);
        assertThat(ids(filter("amount", FilterOperator.EQ, "2000.00"))).containsExactly(b);
        assertThat(ids(filter("amount", FilterOperator.NE, "2000"))).containsExactly(a, c);
        assertThat(ids(filter("amount", FilterOperator.BLANK))).containsExactly(c);
        assertThat(ids(filter("amount", FilterOperator.NOT_BLANK))).containsExactly(a, b);
        assertThat(ids(filter("name", FilterOperator.CONTAINS, "ALPHA"))).containsExactly(a, c);
        assertThat(ids(filter("name", FilterOperator.IN, "Alpha", "Beta"))).containsExactly(a, b);
        assertThat(ids(filter("tags", FilterOperator.CONTAINS, "vip"))).containsExactly(b);
        assertThat(ids(filter("close_date", FilterOperator.BETWEEN, "2026-02-01", "2026-03-31"))).containsExactly(b, c);
        assertThat(ids(filter("id", FilterOperator.EQ, String.valueOf(c)))).containsExactly(c);
        assertThatThrownBy(() -> ids(filter("nope", FilterOperator.EQ, "1")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("unknown_field"));
        assertThatThrownBy(() -> ids(filter("amount", FilterOperator.GT, "lots")))
                .isInstanceOf(ValidationException.class);
    }

    private RecordQuery filter(String field, FilterOperator op, String... values) {
        return new RecordQuery(List.of(new RecordFilter(field, op, List.of(values))), List.of(), 100, null, false, false);
    }

    private List<Long> ids(RecordQuery query) {
        return engine.records().list(admin, "deal", query).items().stream().map(FormRecord::id).toList();
    }

    @Test
    void subFormLinesAreReplacedAsAWholeOnUpdate() {
        publish(Forms.customer());
        publish(Forms.deal());
        FormRecord deal = engine.records().create(admin, "deal", Map.of("name", "d",
                "lines", List.of(Map.of("product", "A"), Map.of("product", "B"))));

        FormRecord updated = engine.records().update(admin, "deal", deal.id(), 1,
                Map.of("lines", List.of(Map.of("product", "C", "qty", 4))));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) updated.values().get("lines");
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("product")).isEqualTo("C");
            assertThat(line.get("qty")).isEqualTo(new BigDecimal("4.0000"));
        });
        assertThat(harness.dsl.fetchValue("select count(*) from \"rec_deal__lines\"")).isEqualTo(1L);
    }

    @Test
    void autoNumbersAreGapFreeAndRestartEachYear() {
        publish(Forms.customer());
        publish(Forms.deal());
        assertThat(engine.records().create(admin, "deal", Map.of("name", "1")).values().get("code")).isEqualTo("HT-2026-0001");
        assertThat(engine.records().create(admin, "deal", Map.of("name", "2")).values().get("code")).isEqualTo("HT-2026-0002");
        harness.clock.set(java.time.Instant.parse("2026-12-31T16:30:00Z"));
        assertThat(engine.records().create(admin, "deal", Map.of("name", "3")).values().get("code"))
                .as("already 2027 in Shanghai").isEqualTo("HT-2027-0001");
    }

    @Test
    void aConcurrentDraftEditIsDetected() {
        engine.forms().create(admin, Forms.customer());
        FormDraft draft = engine.forms().draft(admin, "customer");
        engine.forms().updateDraft(admin, "customer", draft.draftRevision(), Forms.customer());

        assertThatThrownBy(() -> engine.forms().updateDraft(admin, "customer", draft.draftRevision(), Forms.customer()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aRepWithoutTheDesignRoleCannotCreateForms() {
        Actor rep = EngineHarness.user(7, "rep", "sales_rep");
        assertThatThrownBy(() -> engine.forms().create(rep, Forms.customer()))
                .isInstanceOf(io.opensop.engine.error.AccessDeniedException.class);
        assertThat(engine.forms().exists("customer")).isFalse();
    }
}
