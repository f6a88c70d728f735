package io.opensop.runtime.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.designer.form.DesignerHost;
import io.opensop.designer.form.FormDesigner;
import io.opensop.designer.render.RenderContext;
import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.metadata.FormVersionInfo;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole designer against a real engine on H2, without a browser: publishing goes through the
 * preview, a retype that stored values would not survive cannot be confirmed, and a revert is
 * published as a new version.
 */
class FormDesignerFlowTest {

    private static final String FORM = "fd_flow_lead";

    private HikariDataSource dataSource;
    private EngineServices engine;
    private final Actor designer = EngineHarness.user(501, "dora", Actor.DESIGNER);
    private UI ui; // UI.getCurrent() holds it weakly only

    @BeforeEach
    void start() {
        dataSource = TestDatabases.h2();
        engine = new EngineHarness(dataSource).engine;
        ui = new UI();
        UI.setCurrent(ui);
    }

    @AfterEach
    void stop() {
        UI.setCurrent(null);
        dataSource.close();
    }

    private DesignerHost host() {
        return new DesignerHost() {
            @Override
            public Actor actor() {
                return designer;
            }

            @Override
            public FormService forms() {
                return engine.forms();
            }

            @Override
            public FormulaTools formulaTools() {
                return engine.formulaTools();
            }

            @Override
            public RenderContext renderContext() {
                return RenderContext.of(Locale.ENGLISH, EngineHarness.SHANGHAI);
            }

            @Override
            public List<String> roles() {
                return List.of("sales_rep");
            }

            @Override
            public void navigate(String route) {
            }
        };
    }

    private static Stream<Component> tree(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(FormDesignerFlowTest::tree));
    }

    private static <T extends Component> T find(Component root, String testId, Class<T> type) {
        return tree(root).filter(c -> testId.equals(c.getElement().getAttribute("data-testid")))
                .filter(type::isInstance).map(type::cast).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + testId));
    }

    /** Publish → the preview's sentence; confirms when asked and the button allows it. */
    private String publish(FormDesigner designer, boolean confirm) {
        find(designer, "designer-publish", Button.class).click();
        assertThat(find(designer, "designer-problems", Component.class).getElement().getTextRecursively())
                .as("problems").isEmpty();
        String sentence = find(designer, "publish-summary", Paragraph.class).getText();
        Button ok = find(designer, "publish-confirm", Button.class);
        if (confirm && ok.isEnabled()) {
            ok.click();
        }
        return sentence;
    }

    private void publishedFieldsAre(String... keys) {
        assertThat(engine.forms().current(FORM).orElseThrow().definition().fieldList()).extracting(f -> f.key())
                .containsExactly(keys);
    }

    @Test
    void aRetypeThatStoredValuesWouldNotSurviveIsShownAndCannotBeConfirmed() {
        FormDesigner.create(host(), FORM, LocalizedText.of("Lead", "线索"));
        FormDesigner designer = new FormDesigner(host(), FORM, Locale.ENGLISH);
        find(designer, "palette-text", Button.class).click();
        find(designer, "prop-key", TextField.class).setValue("score");
        assertThat(publish(designer, true)).isEqualTo("creates the table, adds 1 column");
        publishedFieldsAre("score");
        engine.records().create(EngineHarness.admin(), FORM, Map.of("score", "high"));
        engine.records().create(EngineHarness.admin(), FORM, Map.of("score", "12"));

        designer = new FormDesigner(host(), FORM, Locale.ENGLISH);
        selectField(designer, "score");
        @SuppressWarnings("unchecked")
        Select<FieldType> type = find(designer, "prop-type", Select.class);
        type.setValue(FieldType.NUMBER);
        assertThat(publish(designer, true)).isEqualTo("retypes 1 field: 1 row cannot convert");
        assertThat(find(designer, "publish-confirm", Button.class).isEnabled()).isFalse();
        assertThat(engine.forms().current(FORM).orElseThrow().version()).as("nothing published").isEqualTo(1);
        assertThat(engine.forms().draft(designer(), FORM).definition().field("score").orElseThrow().type())
                .as("the draft keeps the edit").isEqualTo(FieldType.NUMBER);
    }

    @Test
    void revertingToAnOldVersionPublishesItAgainAsANewVersion() {
        FormDesigner.create(host(), FORM, LocalizedText.of("Lead", "线索"));
        FormDesigner designer = new FormDesigner(host(), FORM, Locale.ENGLISH);
        find(designer, "palette-text", Button.class).click();
        publish(designer, true);
        find(designer, "palette-date", Button.class).click();
        assertThat(publish(designer, true)).isEqualTo("adds 1 column");
        publishedFieldsAre("text_1", "date_1");

        selectTab(designer, "tab-versions");
        @SuppressWarnings("unchecked")
        Grid<FormVersionInfo> versions = find(designer, "versions-grid", Grid.class);
        FormVersionInfo first = engine.forms().versions(designer(), FORM).stream().filter(v -> v.version() == 1)
                .findFirst().orElseThrow();
        versions.select(first);
        find(designer, "versions-compare", Button.class).click();
        assertThat(find(designer, "versions-diff", Component.class).getElement().getTextRecursively())
                .contains("Field date_1 added");
        find(designer, "versions-revert", Button.class).click();
        assertThat(find(designer, "publish-summary", Paragraph.class).getText())
                .isEqualTo("hides 1 field (their data is kept)");
        find(designer, "publish-confirm", Button.class).click();

        assertThat(engine.forms().current(FORM).orElseThrow().version()).isEqualTo(3);
        publishedFieldsAre("text_1");
        assertThat(engine.forms().version(designer(), FORM, 2).field("date_1")).as("version 2 unchanged").isPresent();
    }

    @Test
    void tryItEvaluatesTheDraftsFormulaOnValuesTypedIntoTheDraftForm() {
        FormDesigner.create(host(), FORM, LocalizedText.of("Lead", "线索"));
        FormDesigner designer = new FormDesigner(host(), FORM, Locale.ENGLISH);
        find(designer, "palette-money", Button.class).click();
        find(designer, "prop-key", TextField.class).setValue("amount");
        selectTab(designer, "tab-try");
        find(designer, "try-expression", io.opensop.designer.formula.FormulaEditor.class).input()
                .setValue("ROUND(amount * 8%, 2)");
        Component sample = tree(find(designer, "try", Component.class))
                .filter(c -> "amount".equals(c.getElement().getAttribute("data-field"))).findFirst().orElseThrow();
        ((com.vaadin.flow.component.textfield.BigDecimalField) sample).setValue(new java.math.BigDecimal("1000.00"));
        find(designer, "try-run", Button.class).click();
        assertThat(find(designer, "try-result", Component.class).getElement().getTextRecursively())
                .isEqualTo("Result: 80.00 (money)");
        assertThat(engine.forms().exists(FORM) && engine.forms().current(FORM).isEmpty())
                .as("trying publishes nothing").isTrue();
    }

    @Test
    void aDraftSavedMeanwhileByAnotherDesignerIsNotOverwritten() {
        FormDesigner.create(host(), FORM, LocalizedText.of("Lead", "线索"));
        FormDesigner mine = new FormDesigner(host(), FORM, Locale.ENGLISH);
        FormDesigner theirs = new FormDesigner(host(), FORM, Locale.ENGLISH);
        find(theirs, "palette-date", Button.class).click();
        find(theirs, "designer-save", Button.class).click();
        find(mine, "palette-text", Button.class).click();
        find(mine, "designer-save", Button.class).click();
        assertThat(engine.forms().draft(designer, FORM).definition().fieldList()).extracting(f -> f.key())
                .containsExactly("date_1");
    }

    private static void selectTab(FormDesigner designer, String testId) {
        com.vaadin.flow.component.tabs.TabSheet tabs = tree(designer)
                .filter(com.vaadin.flow.component.tabs.TabSheet.class::isInstance)
                .map(com.vaadin.flow.component.tabs.TabSheet.class::cast).findFirst().orElseThrow();
        tabs.setSelectedTab(find(designer, testId, com.vaadin.flow.component.tabs.Tab.class));
    }

    private Actor designer() {
        return designer;
    }

    private static void selectField(FormDesigner designer, String key) {
        Component row = find(designer, "field-row-" + key, Component.class);
        com.vaadin.flow.component.ComponentUtil.fireEvent(row,
                new com.vaadin.flow.component.ClickEvent<>(row, false, 0, 0, 0, 0, 0, 0, false, false, false, false));
    }
}
