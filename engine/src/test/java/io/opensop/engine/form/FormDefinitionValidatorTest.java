package io.opensop.engine.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.testing.Forms;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormDefinitionValidatorTest {

    private final FormDefinitionValidator validator = new FormDefinitionValidator(key -> key.equals("customer"));

    @Test
    void aValidDefinitionHasNoProblems() {
        assertThat(validator.validate(Forms.deal())).isEmpty();
    }

    @Test
    void everyProblemNamesTheJsonPathOfItsAttribute() {
        FormDefinition form = FormJson.read("""
                {"key":"Bad-Key","label":{"en":"x"},"titleField":"missing",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name"},"maxLength":5000},
                   {"key":"name","type":"text","label":{"en":"Again"}},
                   {"key":"id","type":"number","label":{"en":"Id"},"scale":8,"precision":4},
                   {"key":"ref","type":"reference","target":"nowhere","label":{"en":"Ref"}},
                   {"key":"pick","type":"single_select","label":{"en":"Pick"}},
                   {"key":"lines","type":"sub_form","label":{"en":"Lines"},"fields":[
                      {"key":"inner","type":"sub_form","label":{"en":"Inner"},"fields":[]}]},
                   {"key":"code","type":"auto_number","label":{"en":"Code"},"pattern":"HT-{yyyy}"},
                   {"key":"calc","type":"formula","label":{}}
                 ],
                 "sections":[{"key":"main","fields":["name","ghost"],"columns":7}],
                 "permissions":{"fly":["admin"]}}
                """);

        List<Problem> problems = validator.validate(form);

        assertThat(problems).extracting(Problem::field, Problem::code).contains(
                tuple("$.key", "invalid_identifier"),
                tuple("$.titleField", "unknown_field"),
                tuple("$.fields[0].maxLength", "out_of_range"),
                tuple("$.fields[1].key", "duplicate_key"),
                tuple("$.fields[2].key", "reserved_identifier"),
                tuple("$.fields[2].scale", "scale_exceeds_precision"),
                tuple("$.fields[3].target", "unknown_form"),
                tuple("$.fields[4].options", "required"),
                tuple("$.fields[5].fields[0].type", "not_allowed_in_sub_form"),
                tuple("$.fields[6].pattern", "auto_number_pattern"),
                tuple("$.fields[7].label", "required"),
                tuple("$.fields[7].formula", "required"),
                tuple("$.fields[7].resultType", "required"),
                tuple("$.sections[0].fields[1]", "unknown_field"),
                tuple("$.sections[0].columns", "out_of_range"),
                tuple("$.permissions.fly", "unknown_operation"));
    }

    @Test
    void unknownFieldTypesAreAllReportedAtOnce() {
        assertThatThrownBy(() -> FormJson.read("""
                {"key":"x","label":{"en":"X"},"fields":[
                  {"key":"a","type":"hologram","label":{"en":"A"}},
                  {"key":"b","type":"sub_form","label":{"en":"B"},"fields":[{"key":"c","type":"smell","label":{"en":"C"}}]}]}
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                .extracting(Problem::field).containsExactly("$.fields[0].type", "$.fields[1].fields[0].type"));
    }

    @Test
    void unknownAttributesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> FormJson.read("""
                {"key":"x","label":{"en":"X"},"fields":[{"key":"a","type":"text","label":{"en":"A"},"colour":"red"}]}
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                .extracting(Problem::field).containsExactly("$.fields[0].colour"));
    }

    @Test
    void labelsSerializeAsPlainLanguageMaps() {
        String json = FormJson.write(Forms.customer());

        assertThat(json).contains("\"label\":{\"en\":\"Customer\",\"zh-CN\":\"客户\"}").doesNotContain("blank");
        assertThat(FormJson.read(json)).isEqualTo(Forms.customer());
    }

    @Test
    void problemsReadInEnglishAndChinese() {
        Problem problem = Problem.of("$.fields[1].key", "duplicate_key", "name");

        assertThat(EngineMessages.render(problem, Locale.ENGLISH)).isEqualTo("the key \"name\" is used twice");
        assertThat(EngineMessages.render(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("标识 \"name\" 重复");
        assertThat(EngineMessages.render(Problem.of("p", "auto_number_pattern", "X"), Locale.ENGLISH))
                .contains("{0000}");
    }
}
