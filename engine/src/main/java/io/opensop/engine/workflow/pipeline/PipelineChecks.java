package io.opensop.engine.workflow.pipeline;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.metadata.PublishCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a form's pipeline before the form is published: its shape, stage keys (identifiers, unique),
 * gate types, that gate fields exist (attachment gates on attachment fields), that rule formulas
 * type-check as booleans against the form, and that approval gates name a valid process key.
 */
final class PipelineChecks implements PublishCheck {

    private static final Pattern STAGE_KEY = Pattern.compile("[a-z][a-z0-9_]{0,27}");
    private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> TYPES = Set.of(StageGate.REQUIRED, StageGate.RULE, StageGate.ATTACHMENT,
            StageGate.APPROVAL);

    private final FormulaEngine formulas;

    PipelineChecks(FormulaEngine formulas) {
        this.formulas = formulas;
    }

    @Override
    public List<Problem> problems(FormDefinition next, Function<String, Optional<FormDefinition>> forms) {
        List<Problem> problems = new ArrayList<>();
        Pipeline pipeline;
        try {
            Optional<Pipeline> found = Pipeline.of(next);
            if (found.isEmpty()) {
                return problems;
            }
            pipeline = found.get();
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of("$.pipeline", "pipeline_invalid", e.getMessage()));
            return problems;
        }
        if (pipeline.stages().isEmpty()) {
            problems.add(Problem.of("$.pipeline.stages", "required"));
        }
        FormulaSchema schema = null;
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < pipeline.stages().size(); i++) {
            PipelineStage stage = pipeline.stages().get(i);
            String at = "$.pipeline.stages[" + i + "]";
            if (stage == null) {
                problems.add(Problem.of(at, "required"));
                continue;
            }
            if (stage.key() == null || !STAGE_KEY.matcher(stage.key()).matches()) {
                problems.add(Problem.of(at + ".key", "invalid_identifier", stage.key()));
            } else if (!keys.add(stage.key())) {
                problems.add(Problem.of(at + ".key", "duplicate_key", stage.key()));
            }
            if (stage.enteredAt() != null && next.field(stage.enteredAt()).map(FieldDefinition::type)
                    .orElse(null) != FieldType.DATETIME) {
                problems.add(Problem.of(at + ".enteredAt", "gate_field_type", stage.enteredAt(),
                        FieldType.DATETIME.json()));
            }
            for (int j = 0; j < stage.gates().size(); j++) {
                StageGate gate = stage.gates().get(j);
                String g = at + ".gates[" + j + "]";
                if (gate == null || !TYPES.contains(gate.type())) {
                    problems.add(Problem.of(g + ".type", "unknown_gate_type", gate == null ? null : gate.type()));
                    continue;
                }
                Optional<FieldDefinition> field = gate.field() == null ? Optional.empty() : next.field(gate.field());
                switch (gate.type()) {
                    case StageGate.REQUIRED, StageGate.ATTACHMENT -> {
                        if (gate.field() == null) {
                            problems.add(Problem.of(g + ".field", "required"));
                        } else if (field.isEmpty()) {
                            problems.add(Problem.of(g + ".field", "unknown_field", gate.field()));
                        } else if (StageGate.ATTACHMENT.equals(gate.type())
                                && field.get().type() != FieldType.ATTACHMENT) {
                            problems.add(Problem.of(g + ".field", "gate_field_type", gate.field(),
                                    FieldType.ATTACHMENT.json()));
                        }
                    }
                    case StageGate.RULE -> {
                        if (gate.field() != null && field.isEmpty()) {
                            problems.add(Problem.of(g + ".field", "unknown_field", gate.field()));
                        }
                        if (gate.key() == null && gate.field() == null) {
                            problems.add(Problem.of(g + ".key", "required"));
                        }
                        if (gate.formula() == null || gate.formula().isBlank()) {
                            problems.add(Problem.of(g + ".formula", "formula_empty"));
                        } else {
                            schema = schema == null ? FormulaSchema.of(next, forms) : schema;
                            FormulaCheck check = formulas.check(gate.formula().trim(), schema, FormulaType.BOOLEAN);
                            if (!check.ok()) {
                                problems.add(Problem.of(g + ".formula", "condition_invalid", gate.formula().trim(),
                                        check.errors().get(0).message(Locale.ENGLISH)));
                            }
                        }
                    }
                    default -> {
                        if (gate.process() == null || !PROCESS_KEY.matcher(gate.process()).matches()) {
                            problems.add(Problem.of(g + ".process", "invalid_process_key", gate.process()));
                        }
                    }
                }
            }
        }
        return problems;
    }
}
