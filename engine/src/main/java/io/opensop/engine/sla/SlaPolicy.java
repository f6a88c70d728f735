package io.opensop.engine.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.support.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One SLA clock a form's records run (docs/workflow.md, "SLA clocks"). Read from the form's
 * top-level {@code sla} list and from {@code pipeline.stages[].sla} (a stage's own clocks start
 * with its user task).
 *
 * @param start         {@code task}: while a user task of the record's process is open ({@code activities},
 *                      all when empty); {@code stage}: while the record sits in one of the pipeline stages
 *                      {@code activities} names (a new clock per stage entered); {@code record}: from the
 *                      record's creation; {@code field}: from the moment a date/datetime {@code field} names
 * @param resetOnUpdate a save of the record (by a person, not the engine) restarts the clock
 * @param until         formula over the record: once TRUE the clock stops as met
 * @param steps         reminders and escalations, each {@code after} the clock's start
 */
public record SlaPolicy(String key, LocalizedText label, String start, List<String> activities, String field,
                        boolean resetOnUpdate, String until, String calendar, List<Step> steps) {

    public static final String TASK = "task";
    public static final String RECORD = "record";
    public static final String FIELD = "field";
    public static final String STAGE = "stage";

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern RECIPIENT = Pattern.compile(
            "owner|assignee|submitter|manager(:[1-5])?|role:[A-Za-z0-9_.-]{1,64}|user:[A-Za-z0-9_.@-]{1,64}"
                    + "|field:[a-z][a-z0-9_]{0,27}");
    private static final Set<String> MESSAGES = Set.of("reminder", "escalation", "overdue");
    private static final Set<String> POLICY_ATTRIBUTES = Set.of("key", "label", "start", "activities", "field",
            "resetOnUpdate", "until", "calendar", "steps", "stages");
    private static final Set<String> STEP_ATTRIBUTES = Set.of("after", "notify", "cc", "message");

    /** @param to who is told (JSON {@code notify}): {@code owner}, {@code manager}, {@code manager:2} (two levels up), {@code assignee},
     *               {@code submitter}, {@code role:x}, {@code user:name}, {@code field:<user field>} */
    public record Step(SlaDuration after, List<String> to, List<String> cc, String message) {
    }

    public boolean appliesToTask(String activityId) {
        return TASK.equals(start) && (activities.isEmpty() || activities.contains(activityId));
    }

    /** A stage clock runs while the record is in one of its stages (every stage when none is named). */
    public boolean appliesToStage(String stage) {
        return STAGE.equals(start) && stage != null && (activities.isEmpty() || activities.contains(stage));
    }

    /** The policies of a form; problems name JSON paths ({@code $.sla[0].steps[1].after}). */
    public static List<SlaPolicy> of(FormDefinition form, List<Problem> problems) {
        List<SlaPolicy> policies = new ArrayList<>();
        JsonNode sla = form.sla();
        if (sla != null && !sla.isNull()) {
            if (!sla.isArray()) {
                problems.add(Problem.of("$.sla", "sla_invalid", "a list of clocks"));
            } else {
                for (int i = 0; i < sla.size(); i++) {
                    SlaPolicy policy = parse(sla.get(i), "$.sla[" + i + "]", null, null, problems);
                    if (policy != null) {
                        policies.add(policy);
                    }
                }
            }
        }
        JsonNode stages = form.pipeline() == null ? null : form.pipeline().get("stages");
        if (stages != null && stages.isArray()) {
            for (int s = 0; s < stages.size(); s++) {
                JsonNode stage = stages.get(s);
                JsonNode stageSla = stage.get("sla");
                String stageKey = stage.path("key").asText("");
                if (stageSla == null || stageSla.isNull() || stageKey.isEmpty()) {
                    continue;
                }
                List<JsonNode> entries = new ArrayList<>();
                if (stageSla.isArray()) {
                    stageSla.forEach(entries::add);
                } else {
                    entries.add(stageSla);
                }
                for (int i = 0; i < entries.size(); i++) {
                    String path = "$.pipeline.stages[" + s + "].sla" + (stageSla.isArray() ? "[" + i + "]" : "");
                    SlaPolicy policy = parse(entries.get(i), path, stageKey, stageKey + "_" + (i + 1), problems);
                    if (policy != null) {
                        policies.add(policy);
                    }
                }
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (SlaPolicy policy : policies) {
            if (!seen.add(policy.key())) {
                problems.add(Problem.of("$.sla", "sla_duplicate_key", policy.key()));
            }
        }
        return policies;
    }

    /** The policies of a form that is already published (and so was checked). */
    public static List<SlaPolicy> of(FormDefinition form) {
        return of(form, new ArrayList<>());
    }

    private static SlaPolicy parse(JsonNode node, String path, String stage, String defaultKey, List<Problem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(Problem.of(path, "sla_invalid", "an object"));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!POLICY_ATTRIBUTES.contains(name) && stage == null) {
                problems.add(Problem.of(path + "." + name, "sla_unknown_attribute", name));
            }
        }
        String key = node.path("key").asText(defaultKey == null ? "" : defaultKey);
        if (!KEY.matcher(key).matches()) {
            problems.add(Problem.of(path + ".key", "sla_invalid", "key [a-z][a-z0-9_]{0,63}"));
        }
        // a stage's own clock runs while the record is in that stage: pipelines move records, not user tasks
        String start = node.path("start").asText(stage != null ? STAGE : RECORD);
        if (!Set.of(TASK, STAGE, RECORD, FIELD).contains(start)) {
            problems.add(Problem.of(path + ".start", "sla_invalid", "start: task, stage, record or field"));
        }
        List<String> activities = new ArrayList<>();
        node.path("activities").forEach(a -> activities.add(a.asText()));
        node.path("stages").forEach(a -> activities.add(a.asText()));
        if (stage != null && activities.isEmpty()) {
            activities.add(stage);
        }
        String field = node.hasNonNull("field") ? node.get("field").asText() : null;
        if (FIELD.equals(start) && (field == null || field.isBlank())) {
            problems.add(Problem.of(path + ".field", "required"));
        }
        List<Step> steps = new ArrayList<>();
        JsonNode stepNodes = node.path("steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            problems.add(Problem.of(path + ".steps", "required"));
        } else {
            for (int i = 0; i < stepNodes.size(); i++) {
                Step step = step(stepNodes.get(i), path + ".steps[" + i + "]", i, problems);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        LocalizedText label = null;
        if (node.hasNonNull("label")) {
            try {
                label = Json.mapper().treeToValue(node.get("label"), LocalizedText.class);
            } catch (Exception e) {
                problems.add(Problem.of(path + ".label", "sla_invalid", "label"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SlaPolicy(key, label, start, List.copyOf(activities), field,
                node.path("resetOnUpdate").asBoolean(false),
                node.hasNonNull("until") ? node.get("until").asText() : null,
                node.path("calendar").asText(CalendarConfig.DEFAULT), List.copyOf(steps));
    }

    private static Step step(JsonNode node, String path, int index, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(Problem.of(path, "sla_invalid", "an object"));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STEP_ATTRIBUTES.contains(name)) {
                problems.add(Problem.of(path + "." + name, "sla_unknown_attribute", name));
            }
        }
        SlaDuration after = null;
        try {
            after = SlaDuration.parse(node.path("after").asText(null));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(path + ".after", "sla_duration_invalid", node.path("after").asText("")));
        }
        List<String> notify = recipients(node.path("notify"), path + ".notify", problems);
        List<String> cc = recipients(node.path("cc"), path + ".cc", problems);
        if (notify.isEmpty()) {
            problems.add(Problem.of(path + ".notify", "required"));
        }
        String message = node.path("message").asText(index == 0 ? "reminder" : "escalation");
        if (!MESSAGES.contains(message)) {
            problems.add(Problem.of(path + ".message", "sla_invalid", "message: reminder, escalation or overdue"));
        }
        return after == null ? null : new Step(after, notify, cc, message);
    }

    private static List<String> recipients(JsonNode node, String path, List<Problem> problems) {
        List<String> found = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return found;
        }
        if (!node.isArray()) {
            problems.add(Problem.of(path, "sla_invalid", "a list of recipients"));
            return found;
        }
        for (JsonNode r : node) {
            String value = r.asText("");
            if (!RECIPIENT.matcher(value).matches()) {
                problems.add(Problem.of(path, "sla_recipient_invalid", value));
            } else {
                found.add(value);
            }
        }
        return found;
    }
}
