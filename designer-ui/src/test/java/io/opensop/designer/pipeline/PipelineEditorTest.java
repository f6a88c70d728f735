package io.opensop.designer.pipeline;

import static io.opensop.designer.form.DesignerTestSupport.byTestId;
import static io.opensop.designer.form.DesignerTestSupport.has;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.form.DesignModel;
import io.opensop.designer.form.DesignerTestSupport;
import io.opensop.designer.form.DesignerText;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.workflow.pipeline.Pipeline;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PipelineEditorTest {

    private final DesignModel model = DesignModel.blank("deal", LocalizedText.of("Deal", "商机"));

    @Test
    void stagesWithGatesAndAnSlaBecomeThePipelineTheEngineReads() {
        model.addField(FieldType.MONEY, null, DesignerText.typeName(FieldType.MONEY));
        PipelineEditor editor = new PipelineEditor(model, DesignerTestSupport.formulas(model::definition),
                Locale.ENGLISH, false, () -> { });
        assertThat(model.document().has("pipeline")).as("no stages, no pipeline").isFalse();
        byTestId(editor, "add-stage", Button.class).click();
        byTestId(editor, "add-stage", Button.class).click();
        byTestId(editor, "stage-key-1", TextField.class).setValue("quote");
        byTestId(editor, "add-gate-1", Button.class).click();
        @SuppressWarnings("unchecked")
        ComboBox<String> field = byTestId(editor, "gate-field-1-0", ComboBox.class);
        field.setValue("money_1");
        byTestId(editor, "stage-dwell-1", TextField.class).setValue("P3D");
        byTestId(editor, "stage-up-1", Button.class).click();

        Pipeline pipeline = Pipeline.of(model.definition()).orElseThrow();
        assertThat(pipeline.stages()).extracting(s -> s.key()).containsExactly("quote", "stage_1");
        assertThat(pipeline.stages().get(0).gates().get(0).field()).isEqualTo("money_1");
        assertThat(pipeline.stages().get(0).sla().path("dwell").asText()).isEqualTo("P3D");
        assertThat(has(editor, "pipeline-open-bpmn")).as("no model before a publish").isFalse();

        byTestId(editor, "stage-remove-0", Button.class).click();
        byTestId(editor, "stage-remove-0", Button.class).click();
        assertThat(model.document().has("pipeline")).isFalse();
    }

    @Test
    void aPublishedPipelineOpensInTheBpmnModeler() {
        PipelineEditor editor = new PipelineEditor(model, DesignerTestSupport.formulas(model::definition),
                Locale.ENGLISH, true, () -> { });
        assertThat(byTestId(editor, "pipeline-open-bpmn", Anchor.class).getHref())
                .isEqualTo("designer/processes/deal_pipeline");
    }
}
