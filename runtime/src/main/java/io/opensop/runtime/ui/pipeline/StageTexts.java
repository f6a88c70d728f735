package io.opensop.runtime.ui.pipeline;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.workflow.pipeline.Pipeline;
import io.opensop.engine.workflow.pipeline.PipelineStage;
import io.opensop.engine.workflow.pipeline.StageGate;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Words for stages and their gates in the user's language: a stage's label, and an unmet gate as
 * "what is missing" (the gate's field label, or its own message) instead of the engine's generic
 * {@code gate_unmet} sentence. Labels from metadata stay plain text.
 */
public final class StageTexts {

    private final FormDefinition form;
    private final Pipeline pipeline;
    private final Locale locale;
    private final BiFunction<String, Object[], String> translate;

    /** @param translate the UI bundle lookup ({@code getTranslation(key, args)}) */
    public StageTexts(FormDefinition form, Pipeline pipeline, Locale locale,
                      BiFunction<String, Object[], String> translate) {
        this.form = form;
        this.pipeline = pipeline;
        this.locale = locale;
        this.translate = translate;
    }

    public String stage(String key) {
        if (key == null) {
            return "";
        }
        return pipeline.stage(key).map(s -> s.label() == null ? s.key() : s.label().in(locale)).orElse(key);
    }

    /** One gate as a checklist line: "Attach Needs-assessment report". */
    public String gate(StageGate gate) {
        if (gate.message() != null) {
            return gate.message().in(locale);
        }
        String subject = switch (gate.type()) {
            case StageGate.APPROVAL -> gate.process();
            case StageGate.RULE -> gate.field() == null ? gate.effectiveKey() : fieldLabel(gate.field());
            default -> fieldLabel(gate.field());
        };
        return translate.apply("gate." + gate.type(), new Object[] {subject});
    }

    /** A move's problem: an unmet gate as its checklist line, anything else as the engine says it. */
    public String problem(Problem problem) {
        if ("gate_unmet".equals(problem.code()) && problem.args().size() >= 2) {
            String toStage = String.valueOf(problem.args().get(0));
            String gateKey = String.valueOf(problem.args().get(1));
            PipelineStage stage = pipeline.stage(toStage).orElse(null);
            if (stage != null) {
                for (StageGate gate : stage.gates()) {
                    if (gate.effectiveKey().equals(gateKey)) {
                        return gate(gate);
                    }
                }
            }
        }
        return EngineMessages.render(problem, locale);
    }

    private String fieldLabel(String key) {
        if (key == null) {
            return "";
        }
        return form.field(key).map(FieldDefinition::label).map(l -> l.in(locale)).orElse(key);
    }
}
