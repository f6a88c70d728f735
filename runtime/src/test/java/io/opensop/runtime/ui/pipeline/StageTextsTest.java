package io.opensop.runtime.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.workflow.pipeline.Pipeline;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTextsTest {

    private static final FormDefinition FORM = FormJson.read("""
            {"key":"deal","label":{"en":"Deal","zh-CN":"商机"},
             "fields":[{"key":"report","type":"attachment","label":{"en":"Needs report","zh-CN":"需求报告"}},
                       {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"金额"}}],
             "pipeline":{"stages":[{"key":"lead","label":{"en":"Lead","zh-CN":"线索"}},
               {"key":"quote","label":{"en":"Quote","zh-CN":"报价"},"gates":[
                 {"type":"attachment","field":"report"},
                 {"type":"rule","key":"big","formula":"amount > 10","field":"amount",
                  "message":{"en":"Amount over 10","zh-CN":"金额大于 10"}}]}]}}
            """);
    private static final Map<String, String> BUNDLE = Map.of("gate.attachment", "上传{0}");

    private final StageTexts texts = new StageTexts(FORM, Pipeline.of(FORM).orElseThrow(), Locale.SIMPLIFIED_CHINESE,
            (key, args) -> MessageFormat.format(BUNDLE.get(key), args));

    @Test
    void stagesAreShownByTheirLabelsAndUnknownKeysAsThemselves() {
        assertThat(texts.stage("quote")).isEqualTo("报价");
        assertThat(texts.stage("gone")).isEqualTo("gone");
    }

    @Test
    void anUnmetGateNamesWhatIsMissingByItsFieldLabelOrItsOwnMessage() {
        assertThat(texts.problem(Problem.of("report", "gate_unmet", "quote", "attachment_report", "attachment")))
                .isEqualTo("上传需求报告");
        assertThat(texts.problem(Problem.of("amount", "gate_unmet", "quote", "big", "rule"))).isEqualTo("金额大于 10");
    }

    @Test
    void otherProblemsAreTheEnginesOwnLocalizedSentence() {
        assertThat(texts.problem(Problem.of("stage", "stage_unchanged", "quote"))).contains("quote").contains("阶段");
    }
}
