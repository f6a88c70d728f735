package io.opensop.designer.form;

import static io.opensop.designer.form.DesignerTestSupport.byTestId;
import static io.opensop.designer.form.DesignerTestSupport.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.formula.FormulaEditor;
import io.opensop.designer.formula.FormulaSource;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.rules.FormulaTools.FieldUse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The property panel without a browser: which properties each type offers, and that edits reach the model. */
class PropertyPanelTest {

    private final DesignModel model = DesignModel.blank("deal", LocalizedText.of("Deal", "商机"));
    private final List<String> changes = new ArrayList<>();
    private final Set<String> published = new java.util.HashSet<>();
    private final PropertyPanel panel = new PropertyPanel(model, Locale.ENGLISH, new PropertyPanel.Context() {
        private final FormulaSource formulas = DesignerTestSupport.formulas(model::definition);

        @Override
        public FormulaSource formulas() {
            return formulas;
        }

        @Override
        public List<String> forms() {
            return List.of("customer");
        }

        @Override
        public List<String> roles() {
            return List.of("sales_rep", "finance");
        }

        @Override
        public List<FieldUse> usesOf(String fieldKey) {
            return "money_1".equals(fieldKey) ? List.of(new FieldUse("formula_1", "formula")) : List.of();
        }

        @Override
        public boolean published(String fieldKey) {
            return published.contains(fieldKey);
        }
    }, () -> changes.add("changed"));

    private String add(FieldType type) {
        return model.addField(type, null, DesignerText.typeName(type)).path("key").asText();
    }

    @Test
    void aMoneyFieldOffersPrecisionScaleCurrencyAndConditionsButNoOptions() {
        panel.show(add(FieldType.MONEY));
        for (String id : List.of("prop-key", "prop-label-en", "prop-label-zh-CN", "prop-help-en", "prop-help-zh-CN",
                "prop-precision", "prop-scale", "prop-currency", "prop-defaultValue", "prop-required", "prop-unique",
                "prop-requiredWhen", "prop-visibleWhen", "prop-readOnlyWhen", "prop-permissions")) {
            assertThat(has(panel, id)).as(id).isTrue();
        }
        assertThat(has(panel, "prop-options")).isFalse();
        assertThat(has(panel, "prop-formula")).isFalse();
    }

    @Test
    void aFormulaFieldOffersItsFormulaAndResultTypeButNoDefaultOrRequired() {
        panel.show(add(FieldType.FORMULA));
        assertThat(has(panel, "prop-formula")).isTrue();
        assertThat(has(panel, "prop-resultType")).isTrue();
        assertThat(has(panel, "prop-defaultValue")).isFalse();
        assertThat(has(panel, "prop-required")).isFalse();
        assertThat(has(panel, "prop-visibleWhen")).isTrue();
    }

    @Test
    void selectsReferencesAndSubFormsOfferTheirOwnProperties() {
        panel.show(add(FieldType.SINGLE_SELECT));
        assertThat(has(panel, "prop-options")).isTrue();
        panel.show(add(FieldType.REFERENCE));
        assertThat(has(panel, "prop-target")).isTrue();
        panel.show(add(FieldType.SUB_FORM));
        assertThat(has(panel, "prop-columns")).isTrue();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aRollupIsDescribedByItsChildFormReferenceAggregateAndField() {
        String key = add(FieldType.ROLLUP);
        panel.show(key);
        byTestId(panel, "prop-rollup-form", com.vaadin.flow.component.combobox.ComboBox.class).setValue("customer");
        byTestId(panel, "prop-rollup-reference", TextField.class).setValue("deal");
        byTestId(panel, "prop-rollup-aggregate", Select.class).setValue("SUM");
        byTestId(panel, "prop-rollup-field", TextField.class).setValue("amount");
        var rollup = model.definition().field(key).orElseThrow().rollup();
        assertThat(rollup.form()).isEqualTo("customer");
        assertThat(rollup.reference()).isEqualTo("deal");
        assertThat(rollup.aggregate().name()).isEqualTo("SUM");
        assertThat(rollup.field()).isEqualTo("amount");
        assertThat(has(panel, "prop-defaultValue")).isFalse();
    }

    @Test
    void editsGoIntoTheModelAndTellTheDesigner() {
        String key = add(FieldType.MONEY);
        panel.show(key);
        byTestId(panel, "prop-label-zh-CN", TextField.class).setValue("合同金额");
        byTestId(panel, "prop-scale", IntegerField.class).setValue(0);
        byTestId(panel, "prop-required", Checkbox.class).setValue(true);
        byTestId(panel, "prop-defaultValue", TextField.class).setValue("100.50");
        FormDefinition definition = model.definition();
        var field = definition.field(key).orElseThrow();
        assertThat(field.label().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("合同金额");
        assertThat(field.scale()).isZero();
        assertThat(field.required()).isTrue();
        assertThat(field.defaultValue().decimalValue()).isEqualByComparingTo(new BigDecimal("100.50"));
        assertThat(changes).hasSize(4);
    }

    @Test
    void optionsAreEditedOnePerLine() {
        String key = add(FieldType.SINGLE_SELECT);
        panel.show(key);
        byTestId(panel, "prop-options", TextArea.class).setValue("east | East | 华东\nwest | West | 华西");
        var options = model.definition().field(key).orElseThrow().optionList();
        assertThat(options).extracting(o -> o.key()).containsExactly("east", "west");
        assertThat(options.get(1).label().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("华西");
    }

    @Test
    void aConditionIsCheckedAgainstTheFormAndStoredAsTyped() {
        add(FieldType.MONEY);
        String key = add(FieldType.TEXT);
        panel.show(key);
        FormulaEditor condition = byTestId(panel, "prop-requiredWhen", FormulaEditor.class);
        condition.input().setValue("money_1 > 1000");
        assertThat(condition.lastCheck().ok()).isTrue();
        assertThat(model.definition().field(key).orElseThrow().requiredWhen()).isEqualTo("money_1 > 1000");
        condition.input().setValue("money_2 > 1000");
        assertThat(condition.lastCheck().ok()).isFalse();
    }

    @Test
    void aPublishedKeyCannotChangeButADraftKeyIsRenamedEverywhere() {
        String key = add(FieldType.TEXT);
        published.add(key);
        panel.show(key);
        assertThat(byTestId(panel, "prop-key", TextField.class).isReadOnly()).isTrue();
        String fresh = add(FieldType.NUMBER);
        panel.show(fresh);
        byTestId(panel, "prop-key", TextField.class).setValue("quantity");
        assertThat(model.fieldKeys()).containsExactly(key, "quantity");
        assertThat(model.fieldsOf("section_1")).containsExactly(key, "quantity");
    }

    @SuppressWarnings("unchecked")
    @Test
    void fieldPermissionsAreStoredByRoleAndEditableIsTheDefault() {
        String key = add(FieldType.MONEY);
        panel.show(key);
        Select<String> finance = byTestId(panel, "prop-access-finance", Select.class);
        finance.setValue("read_only");
        assertThat(model.definition().access().fields()).isEqualTo(java.util.Map.of("finance",
                java.util.Map.of(key, "read_only")));
        finance.setValue("editable");
        assertThat(model.definition().access()).isNull();
    }

    @Test
    void thePanelSaysWhichFormulasReadTheField() {
        panel.show(add(FieldType.MONEY));
        assertThat(byTestId(panel, "prop-uses", com.vaadin.flow.component.html.Div.class).getElement().getTextRecursively())
                .isEqualTo("Used by: formula_1 (formula)");
    }

    @Test
    void fieldsAListCanSortByOfferTheIndexedOptionWhichIsStoredOnlyWhenTicked() {
        String key = add(FieldType.MONEY);
        panel.show(key);
        Checkbox indexed = byTestId(panel, "prop-indexed", Checkbox.class);
        assertThat(indexed.getLabel()).isEqualTo("Indexed (fast sorting and filtering)");

        indexed.setValue(true);
        assertThat(model.definition().field(key).orElseThrow().indexed()).isTrue();
        indexed.setValue(false);
        assertThat(model.definition().field(key).orElseThrow().indexed()).isNull();

        for (FieldType type : List.of(FieldType.DATE, FieldType.TEXT, FieldType.SINGLE_SELECT, FieldType.FORMULA)) {
            panel.show(add(type));
            assertThat(has(panel, "prop-indexed")).as(type.json()).isTrue();
        }
        for (FieldType type : List.of(FieldType.LONG_TEXT, FieldType.MULTI_SELECT, FieldType.ATTACHMENT,
                FieldType.SUB_FORM)) {
            panel.show(add(type));
            assertThat(has(panel, "prop-indexed")).as(type.json()).isFalse();
        }
    }
}
