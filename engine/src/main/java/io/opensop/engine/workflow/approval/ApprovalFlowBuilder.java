package io.opensop.engine.workflow.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.support.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds approval flows without writing XML: a Java API for templates and the same thing as JSON
 * ({@link ApprovalFlow}) for the designer's palette. {@link #toBpmn()} gives a BPMN 2.0 document with
 * diagram shapes that passes the model rules and can be imported through ProcessModelService.
 *
 * <pre>{@code
 * String xml = ApprovalFlowBuilder.flow("deal_approval", "deal")
 *         .sequential("manager", AssigneeSpec.ofManager())
 *         .countersign("legal", AssigneeSpec.ofUsers("lee", "lin"))
 *         .ratio("board", "2/3", AssigneeSpec.ofRole("board")).onReject("submitter")
 *         .carbonCopy("notify", AssigneeSpec.ofRole("finance"))
 *         .toBpmn();
 * }</pre>
 */
public final class ApprovalFlowBuilder {

    static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    static final Pattern RATIO = Pattern.compile("(\\d{1,3})\\s*/\\s*(\\d{1,3})|(\\d{1,3})\\s*%");
    static final Set<String> RESERVED = Set.of("start", "submit", "approved", "rejected");
    private static final Set<String> TYPES = Set.of(ApprovalStep.SEQUENTIAL, ApprovalStep.COUNTERSIGN,
            ApprovalStep.ANYONE, ApprovalStep.RATIO, ApprovalStep.CC);

    private final String key;
    private final String form;
    private LocalizedText name;
    private boolean submitStep = true;
    private final List<ApprovalStep> steps = new ArrayList<>();

    private ApprovalFlowBuilder(String key, String form) {
        this.key = key;
        this.form = form;
    }

    public static ApprovalFlowBuilder flow(String key, String form) {
        return new ApprovalFlowBuilder(key, form);
    }

    /** Reads the palette's JSON form. */
    public static ApprovalFlow read(String json) {
        try {
            return Json.mapper().readValue(json, ApprovalFlow.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException(Problem.of("flow", "malformed_json", e.getOriginalMessage()));
        }
    }

    public static String toJson(ApprovalFlow flow) {
        return Json.write(flow);
    }

    public ApprovalFlowBuilder name(String en, String zhCn) {
        this.name = LocalizedText.of(en, zhCn);
        return this;
    }

    public ApprovalFlowBuilder withoutSubmitStep() {
        this.submitStep = false;
        return this;
    }

    public ApprovalFlowBuilder sequential(String id, AssigneeSpec who) {
        return step(new ApprovalStep(id, ApprovalStep.SEQUENTIAL, null, null, who, null, null, null));
    }

    public ApprovalFlowBuilder countersign(String id, AssigneeSpec who) {
        return step(new ApprovalStep(id, ApprovalStep.COUNTERSIGN, null, null, who, null, null, null));
    }

    public ApprovalFlowBuilder anyOne(String id, AssigneeSpec who) {
        return step(new ApprovalStep(id, ApprovalStep.ANYONE, null, null, who, null, null, null));
    }

    public ApprovalFlowBuilder ratio(String id, String ratio, AssigneeSpec who) {
        return step(new ApprovalStep(id, ApprovalStep.RATIO, null, null, who, ratio, null, null));
    }

    public ApprovalFlowBuilder carbonCopy(String id, AssigneeSpec recipients) {
        return step(new ApprovalStep(id, ApprovalStep.CC, null, null, recipients, null, null, null));
    }

    public ApprovalFlowBuilder step(ApprovalStep step) {
        steps.add(step);
        return this;
    }

    /** Where a rejection of the last added step goes: {@code end}, {@code submitter} or an earlier step id. */
    public ApprovalFlowBuilder onReject(String target) {
        if (steps.isEmpty()) {
            throw new IllegalStateException("add a step first");
        }
        steps.set(steps.size() - 1, steps.get(steps.size() - 1).withOnReject(target));
        return this;
    }

    public ApprovalFlow build() {
        ApprovalFlow flow = new ApprovalFlow(key, name, form, submitStep, steps);
        requireValid(flow);
        return flow;
    }

    public String toBpmn() {
        return toBpmn(build());
    }

    /** The BPMN of a flow (checked first: every problem at once, fields named {@code steps[i].x}). */
    public static String toBpmn(ApprovalFlow flow) {
        requireValid(flow);
        return ApprovalBpmn.write(flow);
    }

    /**
     * One step as a standalone BPMN element with its namespace declarations, exactly as {@link #toBpmn}
     * writes it inside a flow. The designer's palette inserts it into a model and its properties panel
     * rewrites a step with it, so the modeler never writes building-block XML of its own. The rejection
     * route (an error boundary event) is not part of the element; {@code onReject} is ignored here.
     *
     * @throws ValidationException naming the step's attribute ({@code id}, {@code type}, {@code assignees},
     *                             {@code ratio}, {@code section})
     */
    public static String stepElement(String form, ApprovalStep step) {
        if (step == null) {
            throw new ValidationException(Problem.of("step", "required"));
        }
        ApprovalStep checked = step.withOnReject(null);
        ApprovalFlow flow = new ApprovalFlow("step", null, form, true, List.of(checked));
        List<Problem> problems = new ArrayList<>();
        for (Problem problem : problems(flow)) {
            if (!"approval_needs_step".equals(problem.code())) {
                problems.add(Problem.of(problem.field().replace("steps[0].", ""), problem.code(),
                        problem.args().toArray()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return ApprovalBpmn.element(flow, checked);
    }

    public static void requireValid(ApprovalFlow flow) {
        List<Problem> problems = problems(flow);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    public static List<Problem> problems(ApprovalFlow flow) {
        List<Problem> problems = new ArrayList<>();
        if (flow.key() == null || !PROCESS_KEY.matcher(flow.key()).matches()) {
            problems.add(Problem.of("key", "invalid_process_key", flow.key()));
        }
        if (flow.form() == null || flow.form().isBlank()) {
            problems.add(Problem.of("form", "required"));
        }
        if (flow.steps().stream().noneMatch(s -> !ApprovalStep.CC.equals(s.type()))) {
            problems.add(Problem.of("steps", "approval_needs_step"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < flow.steps().size(); i++) {
            ApprovalStep step = flow.steps().get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                problems.add(Problem.of(at, "required"));
                continue;
            }
            if (step.id() == null || !STEP_ID.matcher(step.id()).matches() || RESERVED.contains(step.id())) {
                problems.add(Problem.of(at + ".id", "invalid_step_id", step.id()));
            } else if (!seen.add(step.id())) {
                problems.add(Problem.of(at + ".id", "duplicate_key", step.id()));
            }
            if (!TYPES.contains(step.type())) {
                problems.add(Problem.of(at + ".type", "unknown_step_type", step.type()));
                continue;
            }
            AssigneeSpec who = step.who();
            if (who == null || who.kinds().size() != 1) {
                problems.add(Problem.of(at + ".assignees", "assignee_exactly_one",
                        who == null ? "" : String.join(", ", who.kinds())));
            } else if (who.named().stream().anyMatch(u -> u == null || u.isBlank() || u.contains(","))
                    || (who.users() != null && who.users().isEmpty())
                    || (who.role() != null && (who.role().isBlank() || who.role().contains(",")))) {
                problems.add(Problem.of(at + ".assignees", "invalid_value", Json.write(who)));
            }
            if (ApprovalStep.RATIO.equals(step.type())) {
                if (step.ratio() == null || ratio(step.ratio()) == null) {
                    problems.add(Problem.of(at + ".ratio", "invalid_ratio", step.ratio()));
                }
            } else if (step.ratio() != null) {
                problems.add(Problem.of(at + ".ratio", "invalid_ratio", step.ratio()));
            }
            String target = step.rejectTarget();
            if (ApprovalStep.CC.equals(step.type())) {
                if (step.onReject() != null) {
                    problems.add(Problem.of(at + ".onReject", "invalid_reject_target", step.onReject()));
                }
            } else if (ApprovalStep.REJECT_SUBMITTER.equals(target)) {
                if (!flow.withSubmitStep()) {
                    problems.add(Problem.of(at + ".onReject", "invalid_reject_target", target));
                }
            } else if (!ApprovalStep.REJECT_END.equals(target) && !seen.contains(target)
                    || target.equals(step.id())) {
                problems.add(Problem.of(at + ".onReject", "invalid_reject_target", target));
            } else if (!ApprovalStep.REJECT_END.equals(target) && flow.steps().stream()
                    .anyMatch(s -> s != null && target.equals(s.id()) && ApprovalStep.CC.equals(s.type()))) {
                problems.add(Problem.of(at + ".onReject", "invalid_reject_target", target));
            }
            if (step.section() != null && !step.section().matches("[a-z][a-z0-9_]{0,27}")) {
                problems.add(Problem.of(at + ".section", "invalid_identifier", step.section()));
            }
        }
        return problems;
    }

    /** {@code {numerator, denominator}} of "2/3" or "60%", null when it is not a ratio in (0, 1]. */
    static int[] ratio(String text) {
        var m = RATIO.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int p = m.group(3) != null ? Integer.parseInt(m.group(3)) : Integer.parseInt(m.group(1));
        int q = m.group(3) != null ? 100 : Integer.parseInt(m.group(2));
        if (q <= 0 || p <= 0 || p > q) {
            return null;
        }
        return new int[] {p, q};
    }

    /** How many of {@code n} approvers must approve a step of this kind. */
    static int required(String type, String ratio, int n) {
        if (n <= 0) {
            return 0;
        }
        return switch (type == null ? "" : type) {
            case ApprovalStep.ANYONE -> 1;
            case ApprovalStep.RATIO -> {
                int[] r = ratio == null ? null : ratio(ratio);
                yield r == null ? n : Math.max(1, (n * r[0] + r[1] - 1) / r[1]);
            }
            default -> n;
        };
    }
}
