package io.opensop.designer.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.ProcessModels;
import io.opensop.engine.template.TemplateArchives;
import io.opensop.engine.template.TemplateChange;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The template manager without a browser, on the real engine (H2): the upgrade preview is a dry run. */
class TemplateManagerTest {

    private HikariDataSource dataSource;
    private EngineServices engine;
    private TemplateService templates;
    private final Actor admin = EngineHarness.admin();

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2();
        engine = new EngineHarness(dataSource).engine;
        templates = engine.templates(ProcessModels.NONE);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private static TemplatePackage pkg(String version, String customerFields) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", """
                {"id":"ui-crm","version":"%s","name":{"en":"UI CRM","zh-CN":"界面CRM"},"app":"uicrm",
                 "forms":["forms/customer.json"]}
                """.formatted(version).getBytes(StandardCharsets.UTF_8));
        files.put("forms/customer.json", """
                {"key":"ui_customer","app":"uicrm","label":{"en":"Customer","zh-CN":"客户"},"fields":[%s]}
                """.formatted(customerFields).getBytes(StandardCharsets.UTF_8));
        return TemplateArchives.of(files);
    }

    private static final String V1 = """
            {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"}}""";
    private static final String V2 = """
            {"key":"name","type":"text","label":{"en":"Company","zh-CN":"公司"}},
            {"key":"level","type":"text","label":{"en":"Level","zh-CN":"等级"}}""";

    private TemplateManager manager(TemplatePackage available, Locale locale) {
        return new TemplateManager(templates, () -> List.of(available), () -> admin, locale);
    }

    @Test
    void theListJoinsTheCatalogWithWhatIsInstalled() {
        TemplateManager before = manager(pkg("1.0.0", V1), Locale.ENGLISH);
        assertThat(before.rows()).extracting(TemplateManager.Row::id, TemplateManager.Row::availableVersion,
                TemplateManager.Row::installedVersion, TemplateManager.Row::status)
                .containsExactly(tuple("ui-crm", "1.0.0", null, "available"));

        templates.install(admin, pkg("1.0.0", V1), false);

        assertThat(manager(pkg("1.1.0", V2), Locale.ENGLISH).rows())
                .extracting(TemplateManager.Row::availableVersion, TemplateManager.Row::installedVersion,
                        TemplateManager.Row::status)
                .containsExactly(tuple("1.1.0", "1.0.0", "installed"));
    }

    @Test
    void theUpgradePreviewShowsTheConflictFirstAndChangesNothingUntilApplied() {
        templates.install(admin, pkg("1.0.0", V1), false);
        FormDraft draft = engine.forms().draft(admin, "ui_customer");
        FormDefinition customised = FormJson.read(FormJson.write(draft.definition())
                .replace("\"en\":\"Name\"", "\"en\":\"Customer name\""));
        engine.forms().updateDraft(admin, "ui_customer", draft.draftRevision(), customised);
        engine.forms().publish(admin, "ui_customer", false);
        TemplatePackage v2 = pkg("1.1.0", V2);
        AtomicInteger closed = new AtomicInteger();

        UpgradePreview preview = manager(v2, Locale.SIMPLIFIED_CHINESE).previewUpgrade(v2, closed::incrementAndGet);

        assertThat(preview.dryRun().dryRun()).isTrue();
        assertThat(preview.rows().get(0)).isEqualTo(
                new TemplateChange("form:ui_customer", "$.fields[name].label.en", "conflict"));
        assertThat(preview.rows()).extracting(TemplateChange::kind).contains("upstream");
        assertThat(preview.summary()).isEqualTo("从 1.0.0 到 1.1.0：%d 处变更，1 处冲突。目前尚未做任何修改。"
                .formatted(preview.rows().size()));
        assertThat(engine.forms().draft(admin, "ui_customer").definition().field("level")).as("dry run").isEmpty();
        assertThat(templates.installation("ui-crm").orElseThrow().version()).isEqualTo("1.0.0");

        preview.applyButton().click();

        assertThat(closed).hasValue(1);
        assertThat(templates.installation("ui-crm").orElseThrow().version()).isEqualTo("1.1.0");
        FormDefinition merged = engine.forms().current("ui_customer").orElseThrow().definition();
        assertThat(merged.field("level")).isPresent();
        assertThat(merged.field("name").orElseThrow().label().in(Locale.ENGLISH)).isEqualTo("Customer name");
    }
}
