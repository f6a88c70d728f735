package io.opensop.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Install, upgrade with a three-way merge, export and import of template packages. */
abstract class TemplateLifecycleContract {

    private HikariDataSource dataSource;
    private EngineServices engine;
    private TemplateService templates;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void start() {
        dataSource = newDatabase();
        engine = new EngineHarness(dataSource).engine;
        engine.users().create(new NewUser("rep1", "{noop}x", "Rep One", null, "zh-CN", "Asia/Shanghai", null, null,
                null, Set.of("sales_rep")));
        templates = templatesOn(engine);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private static TemplateService templatesOn(EngineServices engine) {
        return engine.templates(ProcessModels.NONE);
    }

    static TemplatePackage crm(String version, String customerFields, String dealFields) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", ("""
                {"id":"test-crm","version":"%s","name":{"en":"Test CRM","zh-CN":"测试CRM"},"app":"tcrm",
                 "forms":["forms/deal.json","forms/customer.json"],"sampleData":["data/customers.json","data/deals.json"]}
                """.formatted(version)).getBytes(StandardCharsets.UTF_8));
        files.put("forms/customer.json", ("""
                {"key":"customer","app":"tcrm","label":{"en":"Customer","zh-CN":"客户"},"fields":[%s]}
                """.formatted(customerFields)).getBytes(StandardCharsets.UTF_8));
        files.put("forms/deal.json", ("""
                {"key":"deal","app":"tcrm","label":{"en":"Deal","zh-CN":"商机"},"fields":[
                  {"key":"title","type":"text","label":{"en":"Title"},"required":true},
                  {"key":"customer","type":"reference","target":"customer","label":{"en":"Customer"}}%s]}
                """.formatted(dealFields)).getBytes(StandardCharsets.UTF_8));
        files.put("data/customers.json", """
                {"form":"customer","records":[{"id":"acme","owner":"rep1","values":{"name":"ACME 华东"}}]}
                """.getBytes(StandardCharsets.UTF_8));
        files.put("data/deals.json", """
                {"form":"deal","records":[{"owner":"rep1","values":{"title":"Pilot","customer":{"ref":"customer/acme"}}}]}
                """.getBytes(StandardCharsets.UTF_8));
        return TemplateArchives.of(files);
    }

    static final String CUSTOMER_V1 = """
            {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true},
            {"key":"phone","type":"text","label":{"en":"Phone"}}""";
    static final String CUSTOMER_V2 = """
            {"key":"name","type":"text","label":{"en":"Company","zh-CN":"公司"},"required":true},
            {"key":"phone","type":"text","label":{"en":"Key contact phone","zh-CN":"关键联系人电话"}},
            {"key":"level","type":"single_select","label":{"en":"Level"},"options":[{"key":"a"},{"key":"b"}]}""";

    @Test
    void installingTheSameVersionTwiceChangesNothing() {
        TemplateResult first = templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), true);
        TemplateResult second = templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), true);

        assertThat(first.changes()).extracting(TemplateChange::document, TemplateChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("form:customer", "added"),
                        org.assertj.core.groups.Tuple.tuple("form:deal", "added"));
        assertThat(second.changes()).isEmpty();
        assertThat(engine.forms().versions(admin, "customer")).hasSize(1);
        assertThat(engine.records().list(admin, "deal", RecordQuery.firstPage(10)).items()).hasSize(1);
    }

    @Test
    void sampleDataIsSavedByItsOwnersWithReferencesResolved() {
        templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), true);

        FormRecord deal = engine.records().list(admin, "deal", RecordQuery.firstPage(10)).items().get(0);
        FormRecord customer = engine.records().get(admin, "customer", (Long) deal.values().get("customer"));
        assertThat(customer.values().get("name")).isEqualTo("ACME 华东");
        assertThat(deal.createdBy()).isEqualTo("rep1");
        assertThat(deal.ownerId()).isEqualTo(engine.users().byUsername("rep1").orElseThrow().id());
    }

    @Test
    void anUpgradeKeepsTheCustomersChangesAndDataAndReportsConflicts() {
        templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), true);
        long recordCount = engine.records().list(admin, "customer", RecordQuery.firstPage(10)).items().size();
        FormDefinition customised = FormJson.read(FormJson.write(engine.forms().draft(admin, "customer").definition())
                .replace("\"en\":\"Name\"", "\"en\":\"Customer name\"")
                .replace("]}", ",{\"key\":\"wechat\",\"type\":\"text\",\"label\":{\"en\":\"WeChat\"}}]}"));
        FormDraft draft = engine.forms().draft(admin, "customer");
        engine.forms().updateDraft(admin, "customer", draft.draftRevision(), customised);
        engine.forms().publish(admin, "customer", false);

        TemplatePackage v2 = crm("1.1.0", CUSTOMER_V2,
                ",{\"key\":\"amount\",\"type\":\"money\",\"label\":{\"en\":\"Amount\"}}");
        TemplateResult preview = templates.upgrade(admin, v2, true);
        assertThat(engine.forms().draft(admin, "customer").definition().field("level")).as("dry run").isEmpty();
        TemplateResult applied = templates.upgrade(admin, v2, false);

        assertThat(preview.changes()).isEqualTo(applied.changes());
        assertThat(applied.conflicts()).extracting(TemplateChange::path)
                .containsExactly("$.fields[name].label.en");
        FormDefinition merged = engine.forms().current("customer").orElseThrow().definition();
        assertThat(merged.fieldList()).extracting(f -> f.key()).containsExactly("name", "phone", "level", "wechat");
        assertThat(merged.field("name").orElseThrow().label().in(Locale.ENGLISH)).isEqualTo("Customer name");
        assertThat(merged.field("name").orElseThrow().label().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("公司");
        assertThat(merged.field("phone").orElseThrow().label().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("关键联系人电话");
        assertThat(engine.forms().current("deal").orElseThrow().definition().field("amount")).isPresent();
        assertThat(engine.records().list(admin, "customer", RecordQuery.firstPage(10)).items()).hasSize((int) recordCount)
                .allSatisfy(r -> assertThat(r.values().get("name")).isEqualTo("ACME 华东"));
        assertThat(templates.installation("test-crm").orElseThrow().version()).isEqualTo("1.1.0");
        assertThat(templates.upgrade(admin, v2, false).changes())
                .as("upgrading again to the same version merges nothing new")
                .allSatisfy(c -> assertThat(c.kind()).isIn("customer_kept", "conflict"));
    }

    @Test
    void anExportedAppInstallsIntoAFreshInstanceAsTheSameApp() {
        templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), false);
        byte[] archive = TemplateArchives.toZip(templates.export(admin, "tcrm"));

        try (HikariDataSource other = TestDatabases.h2()) {
            EngineServices fresh = new EngineHarness(other).engine;
            TemplateService freshTemplates = templatesOn(fresh);
            freshTemplates.install(admin, TemplateArchives.fromZip(archive), false);

            for (String form : List.of("customer", "deal")) {
                assertThat(fresh.forms().current(form).orElseThrow().definition())
                        .isEqualTo(engine.forms().current(form).orElseThrow().definition());
            }
            assertThat(freshTemplates.installation("test-crm").orElseThrow().version()).isEqualTo("1.0.0");
        }
    }

    @Test
    void archivesThatEscapeTheirFolderOrLackAManifestAreRefused() {
        Map<String, byte[]> evil = new LinkedHashMap<>(crm("1.0.0", CUSTOMER_V1, "").files());
        evil.put("../../etc/cron.d/x", new byte[] {1});
        byte[] zip = zipOf(evil);

        assertThatThrownBy(() -> TemplateArchives.fromZip(zip)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> TemplateArchives.of(Map.of("forms/a.json", new byte[0])))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void eachUserSeesTheInstalledAppsWithTheFormsTheyMayReadAndFormsOfNoAppApart() {
        templates.install(admin, crm("1.0.0", CUSTOMER_V1, ""), false);
        Map<String, byte[]> people = new LinkedHashMap<>();
        people.put("manifest.json", """
                {"id":"test-hr","version":"1.0.0","name":{"en":"People","zh-CN":"人事"},"app":"thr",
                 "forms":["forms/leave.json"]}
                """.getBytes(StandardCharsets.UTF_8));
        people.put("forms/leave.json", """
                {"key":"leave","app":"thr","label":{"en":"Leave","zh-CN":"请假"},"permissions":{"read":["hr"]},
                 "fields":[{"key":"reason","type":"text","label":{"en":"Reason"}}]}
                """.getBytes(StandardCharsets.UTF_8));
        templates.install(admin, TemplateArchives.of(people), false);
        publish("""
                {"key":"memo","label":{"en":"Memo","zh-CN":"备忘"},"fields":[{"key":"text","type":"text","label":{"en":"Text"}}]}
                """);
        publish("""
                {"key":"quota","app":"tcrm","label":{"en":"Quota"},"permissions":{"read":["sales_manager"]},
                 "fields":[{"key":"text","type":"text","label":{"en":"Text"}}]}
                """);
        engine.forms().create(admin, FormJson.read("""
                {"key":"unpublished","app":"tcrm","label":{"en":"Draft"},"fields":[{"key":"text","type":"text","label":{"en":"Text"}}]}
                """));
        Actor rep = EngineHarness.user(engine.users().byUsername("rep1").orElseThrow().id(), "rep1", "sales_rep");

        AppLauncher repSees = templates.launcher(rep);
        AppLauncher adminSees = templates.launcher(admin);
        templates.uninstall(admin, "test-hr");
        AppLauncher afterUninstall = templates.launcher(admin);

        assertThat(repSees.apps()).extracting(InstalledApp::templateId).containsExactly("test-crm");
        assertThat(repSees.apps().get(0).name().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("测试CRM");
        assertThat(repSees.apps().get(0).name().in(Locale.ENGLISH)).isEqualTo("Test CRM");
        assertThat(repSees.apps().get(0).forms()).extracting(f -> f.key()).containsExactly("customer", "deal");
        assertThat(repSees.otherForms()).extracting(f -> f.key()).containsExactly("memo");
        assertThat(adminSees.apps()).extracting(InstalledApp::templateId).containsExactly("test-crm", "test-hr");
        assertThat(adminSees.apps().get(0).forms()).extracting(f -> f.key()).containsExactly("customer", "deal", "quota");
        assertThat(adminSees.apps().get(1).name().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("人事");
        assertThat(afterUninstall.apps()).extracting(InstalledApp::templateId).containsExactly("test-crm");
        assertThat(afterUninstall.otherForms()).extracting(f -> f.key()).containsExactly("leave", "memo");
    }

    private void publish(String formJson) {
        FormDefinition definition = FormJson.read(formJson);
        engine.forms().create(admin, definition);
        engine.forms().publish(admin, definition.key(), false);
    }

    @Test
    void onlyAdminsInstallTemplates() {
        Actor rep = EngineHarness.user(1, "rep1", "sales_rep");
        assertThatThrownBy(() -> templates.install(rep, crm("1.0.0", CUSTOMER_V1, ""), true))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(engine.forms().exists("customer")).isFalse();
    }

    private static byte[] zipOf(Map<String, byte[]> files) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
