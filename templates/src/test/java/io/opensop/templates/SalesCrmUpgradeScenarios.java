package io.opensop.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.TemplateChange;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateResult;
import io.opensop.engine.testing.EngineHarness;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database that runs sales-crm 1.0.0 (the release as shipped before 1.1, kept as a fixture from git
 * history) with records and the customer's own changes to the forms is upgraded to the shipped 1.1.1:
 * the dry run lists the changes and the conflict without changing anything, the upgrade keeps every
 * record and every local change, and the 1.1 features (stage clocks, weekly scorecards, stage-entry
 * stamps) work on the upgraded database.
 */
abstract class SalesCrmUpgradeScenarios {

    private SalesCrmFixture f;
    private EngineServices engine;
    private Actor rep;
    private Actor manager;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void installTheOldRelease() {
        TemplatePackage release = ClasspathTemplates.release("sales-crm", "1.0.0");
        assertThat(release.version()).isEqualTo("1.0.0");
        f = SalesCrmFixture.withWorkflowAndRelease(newDatabase(), release);
        engine = f.engine;
        rep = f.rep;
        manager = f.manager;
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Records made on 1.0.0, by the ids the test checks after the upgrade. */
    private record OldData(long customer, long needsDeal, long demoDeal, long quoteDeal, long contract, long lead) {
    }

    @Test
    void anUpgradeFromOneZeroKeepsRecordsAndLocalChangesAndBringsTheOneOneFeatures() {
        f.at("2026-03-02T10:00");
        customize();
        OldData old = oldData();
        Map<Long, Long> versionsBefore = Map.of(old.customer(), version("customer", old.customer()),
                old.contract(), version("contract", old.contract()));
        int opportunityVersion = engine.forms().current("opportunity").orElseThrow().version();

        TemplateResult preview = f.templates.upgrade(admin, ClasspathTemplates.load("sales-crm"), true);

        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.fromVersion()).isEqualTo("1.0.0");
        assertThat(preview.toVersion()).isEqualTo("1.1.1");
        assertThat(preview.changes()).extracting(TemplateChange::document, TemplateChange::path, TemplateChange::kind)
                .contains(tuple("form:weekly_target", "$", "added"),
                        tuple("form:opportunity", "$.fields[quote_reached_at]", "upstream"),
                        tuple("form:opportunity", "$.pipeline", "upstream"),
                        tuple("form:opportunity", "$.sla", "upstream"),
                        tuple("form:lead", "$.fields[responded_4h]", "upstream"),
                        tuple("form:lead", "$.fields[received_at]", "upstream"),
                        // reported at the widest part only one side changed: the whole customer form; on the
                        // amount field both sides changed, so per property: the customer's label, 1.1.1's index
                        tuple("form:customer", "$", "customer_kept"),
                        tuple("form:opportunity", "$.fields[amount].label", "customer_kept"),
                        tuple("form:opportunity", "$.fields[amount].indexed", "upstream"));
        assertThat(preview.conflicts()).extracting(TemplateChange::document, TemplateChange::path)
                .contains(tuple("form:lead", "$.fields[key_fields_complete].formula"));
        // a dry run changes nothing
        assertThat(engine.forms().current("weekly_target")).isEmpty();
        assertThat(engine.forms().current("opportunity").orElseThrow().version()).isEqualTo(opportunityVersion);
        assertThat(f.templates.installation("sales-crm").orElseThrow().version()).isEqualTo("1.0.0");

        TemplateResult upgrade = f.templates.upgrade(admin, ClasspathTemplates.load("sales-crm"), false);

        assertThat(upgrade.dryRun()).isFalse();
        assertThat(upgrade.changes()).isEqualTo(preview.changes());
        assertThat(f.templates.installation("sales-crm").orElseThrow().version()).isEqualTo("1.1.1");
        theRecordsAreKept(old, versionsBefore);
        theLocalChangesAreKept();
        theStageClocksRunOnAStageMove(old);
        aSaveFilesTheRepsWeeklyScorecardAndAQuotationEntryIsStampedAndCounted(old);
    }

    private void customize() {
        edit("customer", form -> {
            ((ArrayNode) form.get("fields")).addObject().put("key", "wechat_id").put("type", "text")
                    .putObject("label").put("en", "WeChat ID").put("zh-CN", "微信号");
            rule(form, "nps_range").put("expression", "ISBLANK(nps) OR (nps >= 0 AND nps <= 10)");
        });
        edit("opportunity", form -> ((ObjectNode) field(form, "amount").get("label"))
                .put("en", "Deal value").put("zh-CN", "商机金额"));
        // the customer made their own completeness flag, which 1.1 also brings with another formula
        edit("lead", form -> {
            ObjectNode flag = ((ArrayNode) form.get("fields")).addObject().put("key", "key_fields_complete")
                    .put("type", "formula").put("resultType", "boolean")
                    .put("formula", "AND(NOT(ISBLANK(company)), NOT(ISBLANK(phone)))");
            flag.putObject("label").put("en", "Company and phone given").put("zh-CN", "公司与电话齐全");
        });
    }

    private OldData oldData() {
        Map<String, Object> customerValues = SalesCrmFixture.completeCustomer("升级客户");
        customerValues.put("wechat_id", "upgrade_wx");
        customerValues.put("nps", 8);
        long customer = engine.records().create(rep, "customer", customerValues).id();
        long needs = deal("升级商机-需求", customer);
        long demo = deal("升级商机-演示", customer);
        move(demo, "demo");
        long quote = deal("升级商机-报价", customer);
        move(quote, "demo");
        move(quote, "quote");
        long contract = engine.records().create(rep, "contract", Map.of("title", "升级合同", "customer", customer,
                "opportunity", quote, "contract_amount", "88000.00", "signed_on", "2026-03-02")).id();
        long lead = engine.records().create(rep, "lead", Map.of("name", "升级线索", "company", "升级公司",
                "phone", "13800000000", "valid", true, "received_at", "2026-03-02T10:00:00+08:00",
                "first_contact_at", "2026-03-02T11:00:00+08:00")).id();
        return new OldData(customer, needs, demo, quote, contract, lead);
    }

    private void theRecordsAreKept(OldData old, Map<Long, Long> versionsBefore) {
        FormRecord customer = engine.records().get(admin, "customer", old.customer());
        assertThat(customer.values()).containsEntry("name", "升级客户").containsEntry("wechat_id", "upgrade_wx");
        assertThat(customer.version()).isEqualTo(versionsBefore.get(old.customer()));
        assertThat(engine.records().get(admin, "opportunity", old.needsDeal()).stage()).isEqualTo("needs");
        assertThat(engine.records().get(admin, "opportunity", old.demoDeal()).stage()).isEqualTo("demo");
        FormRecord quote = engine.records().get(admin, "opportunity", old.quoteDeal());
        assertThat(quote.stage()).isEqualTo("quote");
        assertThat(quote.values()).containsEntry("name", "升级商机-报价").containsEntry("customer_industry", "retail");
        FormRecord contract = engine.records().get(admin, "contract", old.contract());
        assertThat((BigDecimal) contract.values().get("contract_amount")).isEqualByComparingTo("88000.00");
        assertThat(contract.values()).containsEntry("title", "升级合同").containsEntry("opportunity", old.quoteDeal());
        assertThat(contract.version()).isEqualTo(versionsBefore.get(old.contract()));
        // the sample data of 1.0.0 is still there
        assertThat(engine.records().list(admin, "contract", new RecordQuery(List.of(new RecordFilter("title",
                FilterOperator.EQ, List.of("华东精密 MES 一期"))), List.of(), 5, null, false, false)).items()).hasSize(1);
        // a formula new in 1.1 is computed for the lead stored under 1.0.0
        assertThat(engine.records().get(admin, "lead", old.lead()).values()).containsEntry("responded_4h", true)
                .containsEntry("key_fields_complete", true);
    }

    private void theLocalChangesAreKept() {
        FormDefinition customer = engine.forms().current("customer").orElseThrow().definition();
        assertThat(customer.field("wechat_id")).isPresent();
        FormDefinition opportunity = engine.forms().current("opportunity").orElseThrow().definition();
        assertThat(opportunity.field("amount").map(FieldDefinition::label).orElseThrow().in(java.util.Locale.ENGLISH))
                .isEqualTo("Deal value");
        // both changed the amount field: the customer's label and 1.1.1's sort index are merged
        assertThat(opportunity.field("amount").map(FieldDefinition::wantsIndex).orElseThrow()).isTrue();
        assertThat(opportunity.field("quote_reached_at")).isPresent();
        assertThat(engine.forms().current("lead").orElseThrow().definition().field("key_fields_complete")
                .map(FieldDefinition::formula).orElseThrow()).isEqualTo("AND(NOT(ISBLANK(company)), NOT(ISBLANK(phone)))");
        Map<String, Object> badNps = SalesCrmFixture.completeCustomer("NPS 客户");
        badNps.put("nps", 50);
        assertThatThrownBy(() -> engine.records().create(rep, "customer", badNps))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code).containsOnly("rule_failed"));
    }

    private void theStageClocksRunOnAStageMove(OldData old) {
        // Monday 09:00 into the demo stage: 72 h later the manager is alerted, 3 working days later the rep
        // reminded, both naming the stage (the deal's reminder from its creation under 1.0.0 came on 03-05)
        // the quotation deal's "no update" clock was started by its creation under 1.0.0 (a record clock);
        // its first save after the upgrade carries it on as a clock of the stage it is in
        engine.records().update(rep, "opportunity", old.quoteDeal(), version("opportunity", old.quoteDeal()),
                Map.of("probability", "0.7"));
        f.at("2026-03-05T10:00");
        assertThat(f.inbox(rep, "sla.reminder", "升级商机-报价")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("阶段：方案报价"));

        f.at("2026-03-09T09:00");
        move(old.needsDeal(), "demo");
        f.at("2026-03-12T08:59");
        assertThat(f.inbox(manager, "sla.escalation", "升级商机-需求")).isEmpty();
        assertThat(inDemo(f.inbox(rep, "sla.reminder", "升级商机-需求"))).isEmpty();
        f.at("2026-03-12T09:00");
        assertThat(f.inbox(manager, "sla.escalation", "升级商机-需求")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("阶段：方案演示"));
        assertThat(inDemo(f.inbox(rep, "sla.reminder", "升级商机-需求"))).hasSize(1);
    }

    private static List<NotificationView> inDemo(List<NotificationView> notifications) {
        return notifications.stream().filter(n -> n.body().contains("阶段：方案演示")).toList();
    }

    private void aSaveFilesTheRepsWeeklyScorecardAndAQuotationEntryIsStampedAndCounted(OldData old) {
        f.at("2026-03-16T10:00");
        assertThat(scorecards("2026-03-16")).isEmpty();
        engine.records().create(rep, "lead", Map.of("name", "升级后线索", "company", "新公司", "valid", true,
                "source", "website"));
        assertThat(scorecards("2026-03-16")).singleElement().satisfies(card -> {
            assertThat(card.values()).containsEntry("rep", rep.userId());
            assertThat((BigDecimal) card.values().get("valid_leads")).isEqualByComparingTo("1");
            assertThat((BigDecimal) card.values().get("quotes")).isEqualByComparingTo("0");
        });

        f.at("2026-03-16T10:30");
        attachGateFiles(old.demoDeal());
        FormRecord moved = move(old.demoDeal(), "quote");

        assertThat((OffsetDateTime) moved.values().get("quote_reached_at"))
                .isEqualTo(OffsetDateTime.parse("2026-03-16T10:30:00+08:00"));
        assertThat(scorecards("2026-03-16")).singleElement().satisfies(card ->
                assertThat((BigDecimal) card.values().get("quotes")).isEqualByComparingTo("1"));
    }

    private List<FormRecord> scorecards(String weekStart) {
        return engine.records().list(admin, "weekly_target", new RecordQuery(List.of(
                new RecordFilter("week_start", FilterOperator.EQ, List.of(weekStart)),
                new RecordFilter("rep", FilterOperator.EQ, List.of(String.valueOf(rep.userId())))), List.of(), 10, null, false,
                false)).items();
    }

    private long deal(String name, long customer) {
        return engine.records().create(rep, "opportunity", new HashMap<>(Map.of("name", name, "customer", customer,
                "amount", 50000, "expected_close", "2026-06-30", "needs_assessment", List.of(upload("n.pdf")),
                "signature_page", List.of(upload("s.pdf"))))).id();
    }

    private void attachGateFiles(long deal) {
        engine.records().update(rep, "opportunity", deal, version("opportunity", deal),
                Map.of("needs_assessment", List.of(upload("n2.pdf")), "signature_page", List.of(upload("s2.pdf"))));
    }

    private String upload(String name) {
        return engine.attachments().store("rep1", name, "application/pdf",
                new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)), 10_000).id();
    }

    private FormRecord move(long deal, String stage) {
        return engine.records().moveStage(rep, "opportunity", deal, version("opportunity", deal), stage);
    }

    private long version(String form, long id) {
        return engine.records().get(admin, form, id).version();
    }

    private void edit(String formKey, Consumer<ObjectNode> change) {
        FormDraft draft = engine.forms().draft(admin, formKey);
        ObjectNode tree = FormJson.toTree(draft.definition());
        change.accept(tree);
        engine.forms().updateDraft(admin, formKey, draft.draftRevision(), FormJson.read(tree));
        engine.forms().publish(admin, formKey, false);
    }

    private static ObjectNode field(ObjectNode form, String key) {
        return element(form, "fields", key);
    }

    private static ObjectNode rule(ObjectNode form, String key) {
        return element(form, "rules", key);
    }

    private static ObjectNode element(ObjectNode form, String array, String key) {
        for (var element : form.get(array)) {
            if (key.equals(element.path("key").asText())) {
                return (ObjectNode) element;
            }
        }
        throw new IllegalArgumentException(array + " has no " + key);
    }
}
