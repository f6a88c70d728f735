package io.opensop.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormDefinitionValidator;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DesignModelTest {

    private final DesignModel model = DesignModel.blank("visit", LocalizedText.of("Visit", "拜访"));

    private String add(FieldType type) {
        return model.addField(type, null, DesignerText.typeName(type)).path("key").asText();
    }

    @Test
    void everyPaletteTypeAddsAFieldTheEngineAcceptsOrNamesWhatIsStillMissing() {
        for (FieldType type : FieldType.values()) {
            add(type);
        }
        FormDefinition definition = model.definition();
        assertThat(definition.fieldList()).hasSize(FieldType.values().length);
        List<Problem> problems = new FormDefinitionValidator(key -> true).validate(definition);
        // only what no default can guess is missing: the form a reference points to, what a roll-up or lookup reads
        assertThat(problems).extracting(p -> definition.fieldList().get(index(p.field())).key())
                .isSubsetOf("reference_1", "rollup_1", "lookup_1");
        assertThat(definition.field("money_1").orElseThrow().currency()).isEqualTo("CNY");
        assertThat(definition.field("single_select_1").orElseThrow().optionList()).hasSize(2);
        assertThat(definition.field("formula_1").orElseThrow().label().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("公式 1");
    }

    private static int index(String path) {
        return Integer.parseInt(path.substring("$.fields[".length(), path.indexOf(']')));
    }

    @Test
    void newFieldsGetFreeKeysAndLandInTheSection() {
        String first = add(FieldType.TEXT);
        String second = add(FieldType.TEXT);
        assertThat(first).isEqualTo("text_1");
        assertThat(second).isEqualTo("text_2");
        assertThat(model.fieldsOf("section_1")).containsExactly("text_1", "text_2");
    }

    @Test
    void upAndDownReorderWithinTheSectionAndStopAtTheEnds() {
        add(FieldType.TEXT);
        add(FieldType.MONEY);
        add(FieldType.DATE);
        assertThat(model.move("date_1", -1)).isTrue();
        assertThat(model.fieldsOf("section_1")).containsExactly("text_1", "date_1", "money_1");
        assertThat(model.move("text_1", -1)).isFalse();
        assertThat(model.move("money_1", 1)).isFalse();
        assertThat(model.definition().fieldList()).extracting(f -> f.key())
                .as("the JSON field order follows the display order").containsExactly("text_1", "date_1", "money_1");
    }

    @Test
    void aDropMovesAFieldIntoAnotherSectionBeforeTheTargetRow() {
        add(FieldType.TEXT);
        add(FieldType.MONEY);
        model.addSection(LocalizedText.of("Money", "金额"));
        String date = model.addField(FieldType.DATE, "section_2", DesignerText.typeName(FieldType.DATE))
                .path("key").asText();
        model.place("money_1", "section_2", date);
        assertThat(model.fieldsOf("section_1")).containsExactly("text_1");
        assertThat(model.fieldsOf("section_2")).containsExactly("money_1", "date_1");
        model.place("text_1", "section_2", null);
        assertThat(model.fieldsOf("section_2")).containsExactly("money_1", "date_1", "text_1");
        assertThat(model.fieldsOf("section_1")).isEmpty();
    }

    @Test
    void renamingAFieldFollowsItIntoSectionsRulesAndTheTitle() {
        add(FieldType.TEXT);
        model.document().put("titleField", "text_1");
        model.rules().addObject().put("key", "r").put("expression", "TRUE").putArray("fields").add("text_1");
        model.renameField("text_1", "customer");
        FormDefinition definition = FormJson.read(model.document());
        assertThat(definition.sections().get(0).fields()).containsExactly("customer");
        assertThat(definition.ruleList().get(0).fields()).containsExactly("customer");
        assertThat(definition.titleField()).isEqualTo("customer");
    }

    @Test
    void removingAFieldTakesItOutOfItsSection() {
        add(FieldType.TEXT);
        add(FieldType.NUMBER);
        model.removeField("text_1");
        assertThat(model.fieldKeys()).containsExactly("number_1");
        assertThat(model.fieldsOf("section_1")).containsExactly("number_1");
    }
}
