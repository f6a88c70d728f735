package io.opensop.engine.workflow.approval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowNames;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.WorkflowTransactions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Decisions on approval tasks: approve, reject (along the step's modeled route, or back to any earlier
 * step), transfer 转交, add a signer 加签 before or after oneself, and withdraw 撤回 by the submitter
 * before anyone decided. Every action is kept as an {@link ApprovalEntry} in the process instance's
 * comment history (JSON), which outlives the instance.
 *
 * <p>On a countersign / any-one / ratio step each approver decides once: an approval counts towards
 * {@code nrOfRequired} (the step completes when it is reached); a rejection counts against it and
 * fails the step as soon as the required approvals can no longer be reached (countersign: the first
 * rejection; any-one: when everyone rejected). A failing step leaves through its error boundary
 * event (builder: {@code <step>_rejected}); a task without one ends the process as rejected.
 */
public final class ApprovalService {

    static final String PENDING_SIGNERS = "pendingSigners";
    private static final String MARK = "opensop.approval";
    private static final int MAX_COMMENT = 2000;

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final RepositoryService repository;
    private final WorkflowService workflow;
    private final RecordService records;
    private final UserDirectory users;
    private final TransactionOperations transactions;

    public ApprovalService(ProcessEngine camunda, WorkflowService workflow, RecordService records, UserDirectory users,
                           TransactionOperations transactions) {
        this.runtime = camunda.getRuntimeService();
        this.tasks = camunda.getTaskService();
        this.history = camunda.getHistoryService();
        this.repository = camunda.getRepositoryService();
        this.workflow = workflow;
        this.records = records;
        this.users = users;
        this.transactions = transactions;
    }

    public ApprovalEntry approve(Actor actor, String taskId, String comment) {
        checkComment(comment, false);
        return inTransaction(() -> {
            WorkTask view = workflow.task(actor, taskId);
            Task task = claimed(actor, taskId);
            ApprovalEntry entry = record(task, ApprovalEntry.APPROVE, actor, comment, null, null);
            if (handOver(taskId)) {
                return entry;
            }
            Map<String, Object> variables = new HashMap<>();
            if (view.returnReason() != null) {
                variables.put(WorkflowNames.RETURN_REASON, null);
            }
            if (parallel(task)) {
                variables.put(ApprovalBlocks.APPROVED, count(task, ApprovalBlocks.APPROVED) + 1);
            }
            tasks.complete(taskId, variables);
            return entry;
        });
    }

    /**
     * @param target null or blank: the step's modeled route (end, submitter or an earlier step);
     *               otherwise {@link WorkflowService#SUBMITTER} or the id of an earlier user task
     */
    public ApprovalEntry reject(Actor actor, String taskId, String comment, String target) {
        checkComment(comment, true);
        return inTransaction(() -> {
            workflow.task(actor, taskId);
            Task task = claimed(actor, taskId);
            boolean explicit = target != null && !target.isBlank();
            ApprovalEntry entry = record(task, ApprovalEntry.REJECT, actor, comment, explicit ? target : null, null);
            if (explicit) {
                workflow.returnTask(actor, taskId, target, comment);
                return entry;
            }
            if (parallel(task)) {
                int rejected = count(task, ApprovalBlocks.REJECTED) + 1;
                int instances = count(task, "nrOfInstances");
                Object required = runtime.getVariable(task.getExecutionId(), ApprovalBlocks.REQUIRED);
                int needed = required instanceof Number n ? n.intValue() : instances;
                if (rejected <= instances - needed) {
                    tasks.complete(taskId, Map.of(ApprovalBlocks.REJECTED, rejected));
                    return entry;
                }
            }
            BpmnModelInstance model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
            if (hasRejectBoundary(model, task.getTaskDefinitionKey())) {
                Map<String, Object> variables = new HashMap<>();
                variables.put(WorkflowNames.RETURN_REASON, comment);
                variables.put(WorkflowNames.RETURNED_BY, actor.username());
                variables.put(WorkflowNames.RETURNED_FROM, task.getTaskDefinitionKey());
                runtime.setVariables(task.getProcessInstanceId(), variables);
                tasks.handleBpmnError(taskId, ApprovalBpmn.REJECTED_ERROR_CODE, comment);
            } else {
                runtime.deleteProcessInstance(task.getProcessInstanceId(), "rejected: " + comment);
            }
            return entry;
        });
    }

    /** Reassigns the task to another (enabled) user; the previous assignee no longer sees it. */
    public ApprovalEntry transfer(Actor actor, String taskId, String toUser, String comment) {
        checkComment(comment, false);
        return inTransaction(() -> {
            workflow.task(actor, taskId);
            Task task = claimed(actor, taskId);
            String to = requireUser("to", toUser);
            if (to.equals(actor.username())) {
                throw new ValidationException(Problem.of("to", "already_assigned", to));
            }
            tasks.setAssignee(taskId, to);
            return record(task, ApprovalEntry.TRANSFER, actor, comment, to, null);
        });
    }

    /**
     * 加签: {@code before} hands the task to the added signer first and back to the actor after their
     * approval; {@code after} keeps it with the actor and hands it to the added signer after the
     * actor's approval. Only the last approval of the chain completes the task; any rejection in
     * the chain is the step's rejection.
     */
    public ApprovalEntry addSigner(Actor actor, String taskId, String user, String position, String comment) {
        checkComment(comment, false);
        String where = position == null || position.isBlank() ? ApprovalEntry.AFTER : position;
        if (!ApprovalEntry.BEFORE.equals(where) && !ApprovalEntry.AFTER.equals(where)) {
            throw new ValidationException(Problem.of("position", "invalid_value", position));
        }
        return inTransaction(() -> {
            workflow.task(actor, taskId);
            Task task = claimed(actor, taskId);
            String signer = requireUser("user", user);
            List<String> pending = pending(taskId);
            if (signer.equals(actor.username()) || pending.contains(signer)) {
                throw new ValidationException(Problem.of("user", "already_signer", signer));
            }
            if (ApprovalEntry.BEFORE.equals(where)) {
                pending.add(0, actor.username());
                tasks.setAssignee(taskId, signer);
            } else {
                pending.add(0, signer);
            }
            tasks.setVariableLocal(taskId, PENDING_SIGNERS, Json.write(pending));
            return record(task, ApprovalEntry.ADD_SIGNER, actor, comment, signer, where);
        });
    }

    /** 撤回: the submitter ends the instance, as long as nobody but the submitter has decided anything. */
    public ApprovalEntry withdraw(Actor actor, String processInstanceId, String reason) {
        checkComment(reason, false);
        return inTransaction(() -> {
            if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
                throw new NotFoundException("process instance", processInstanceId);
            }
            readable(actor, processInstanceId);
            String submitter = (String) runtime.getVariable(processInstanceId, WorkflowNames.SUBMITTER);
            if (!actor.username().equals(submitter)) {
                throw new AccessDeniedException("only the submitter may withdraw");
            }
            if (decided(processInstanceId, submitter)) {
                throw new ConflictException("already_decided", "an approver has already decided", null);
            }
            ApprovalEntry entry = record(processInstanceId, null, null, ApprovalEntry.WITHDRAW, actor, reason, null,
                    null);
            runtime.deleteProcessInstance(processInstanceId, "withdrawn by " + actor.username()
                    + (reason == null || reason.isBlank() ? "" : ": " + reason));
            return entry;
        });
    }

    /** Everything kept for a process instance, oldest first, for anyone who may read its record. */
    public List<ApprovalEntry> history(Actor actor, String processInstanceId) {
        readable(actor, processInstanceId);
        return entries(processInstanceId);
    }

    private List<ApprovalEntry> entries(String processInstanceId) {
        List<ApprovalEntry> entries = new ArrayList<>();
        for (Comment comment : tasks.getProcessInstanceComments(processInstanceId)) {
            String message = comment.getFullMessage();
            if (message == null || !message.startsWith("{\"" + MARK + "\"")) {
                continue;
            }
            JsonNode json = Json.read(message, JsonNode.class);
            entries.add(new ApprovalEntry(json.path("seq").asLong(), json.path("kind").asText(),
                    comment.getProcessInstanceId(), comment.getTaskId(), text(json, "activityId"), text(json, "by"),
                    text(json, "comment"), text(json, "target"), text(json, "position"),
                    comment.getTime() == null ? null : comment.getTime().toInstant().atOffset(ZoneOffset.UTC)));
        }
        entries.sort(Comparator.comparingLong(ApprovalEntry::seq));
        return entries;
    }

    private void readable(Actor actor, String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null || instance.getBusinessKey() == null || !instance.getBusinessKey().contains(":")) {
            throw new NotFoundException("process instance", processInstanceId);
        }
        String key = instance.getBusinessKey();
        int colon = key.lastIndexOf(':');
        try {
            records.get(actor, key.substring(0, colon), Long.parseLong(key.substring(colon + 1)));
        } catch (NumberFormatException | EngineException e) {
            throw new NotFoundException("process instance", processInstanceId);
        }
    }

    private boolean decided(String processInstanceId, String submitter) {
        if (entries(processInstanceId).stream().anyMatch(e -> ApprovalEntry.APPROVE.equals(e.kind())
                || ApprovalEntry.REJECT.equals(e.kind()))) {
            return true;
        }
        for (HistoricTaskInstance done : history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).finished().list()) {
            if ("completed".equals(done.getDeleteReason()) && !java.util.Objects.equals(submitter, done.getAssignee())) {
                return true;
            }
        }
        return false;
    }

    /** Pops the next added signer, if any: the task goes to them instead of completing. */
    private boolean handOver(String taskId) {
        List<String> pending = pending(taskId);
        if (pending.isEmpty()) {
            return false;
        }
        String next = pending.remove(0);
        tasks.setVariableLocal(taskId, PENDING_SIGNERS, Json.write(pending));
        tasks.setAssignee(taskId, next);
        return true;
    }

    private List<String> pending(String taskId) {
        Object stored = tasks.getVariableLocal(taskId, PENDING_SIGNERS);
        if (!(stored instanceof String json) || json.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Json.mapper().readValue(json, new TypeReference<List<String>>() { }));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ArrayList<>();
        }
    }

    private Task claimed(Actor actor, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task.getAssignee() == null) {
            tasks.setAssignee(taskId, actor.username());
        }
        return task;
    }

    private boolean parallel(Task task) {
        BpmnModelInstance model = repository.getBpmnModelInstance(task.getProcessDefinitionId());
        ModelElementInstance element = model.getModelElementById(task.getTaskDefinitionKey());
        return element instanceof Activity activity
                && activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics mi
                && !mi.isSequential();
    }

    private int count(Task task, String name) {
        Object value = runtime.getVariable(task.getExecutionId(), name);
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static boolean hasRejectBoundary(BpmnModelInstance model, String activityId) {
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() == null || !activityId.equals(boundary.getAttachedTo().getId())) {
                continue;
            }
            for (var definition : boundary.getEventDefinitions()) {
                if (definition instanceof ErrorEventDefinition error && (error.getError() == null
                        || ApprovalBpmn.REJECTED_ERROR_CODE.equals(error.getError().getErrorCode()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private String requireUser(String field, String username) {
        if (username == null || username.isBlank()) {
            throw new ValidationException(Problem.of(field, "required"));
        }
        return users.byUsername(username.trim()).filter(UserAccount::enabled).map(UserAccount::username)
                .orElseThrow(() -> new ValidationException(Problem.of(field, "unknown_user", username)));
    }

    private ApprovalEntry record(Task task, String kind, Actor actor, String comment, String target, String position) {
        return record(task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(), kind, actor, comment,
                target, position);
    }

    private ApprovalEntry record(String processInstanceId, String taskId, String activityId, String kind, Actor actor,
                                 String comment, String target, String position) {
        long seq = entries(processInstanceId).stream().mapToLong(ApprovalEntry::seq).max().orElse(0) + 1;
        ObjectNode json = Json.mapper().createObjectNode();
        json.put(MARK, 1);
        json.put("seq", seq);
        json.put("kind", kind);
        json.put("activityId", activityId);
        json.put("by", actor.username());
        json.put("comment", comment == null || comment.isBlank() ? null : comment);
        json.put("target", target);
        json.put("position", position);
        Comment stored = tasks.createComment(taskId, processInstanceId, Json.write(json));
        return new ApprovalEntry(seq, kind, processInstanceId, taskId, activityId, actor.username(),
                comment == null || comment.isBlank() ? null : comment, target, position,
                stored.getTime() == null ? OffsetDateTime.now(ZoneOffset.UTC)
                        : stored.getTime().toInstant().atOffset(ZoneOffset.UTC));
    }

    private static String text(JsonNode json, String name) {
        JsonNode node = json.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void checkComment(String comment, boolean required) {
        if (required && (comment == null || comment.isBlank())) {
            throw new ValidationException(Problem.of("comment", "required"));
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new ValidationException(Problem.of("comment", "too_long", MAX_COMMENT));
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        return WorkflowTransactions.run(transactions, work);
    }
}
