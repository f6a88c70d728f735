package io.opensop.engine.workflow;

import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.approval.ApprovalEntry;
import io.opensop.engine.workflow.approval.ApprovalService;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The bridge between records and running processes. A process is started for one record and
 * holds only its id and form key; user tasks are offered to their assignee (username) and their
 * candidate groups (roles). Completing a task saves the record through {@link RecordService}
 * (every check a save has) and completes the task in one transaction: if either fails, neither
 * happens. Camunda types never leave this package.
 */
public final class WorkflowService {

    /** {@link #returnTask} target meaning "the first user task of this instance", the submitter's step. */
    public static final String SUBMITTER = "submitter";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final RepositoryService repository;
    private final ProcessModelService models;
    private final RecordService records;
    private final PublishedForms forms;
    private final TransactionOperations transactions;
    private final ApprovalService approvals;
    private final List<TaskCompletionCheck> completionChecks;

    public WorkflowService(ProcessEngine camunda, ProcessModelService models, RecordService records,
                           PublishedForms forms, TransactionOperations transactions) {
        this(camunda, models, records, forms, transactions, null, List.of());
    }

    /** @param users the directory approval actions check users against (transfer, add a signer) */
    public WorkflowService(ProcessEngine camunda, ProcessModelService models, RecordService records,
                           PublishedForms forms, TransactionOperations transactions, UserDirectory users) {
        this(camunda, models, records, forms, transactions, users, List.of());
    }

    /**
     * @param users            the directory approval actions check users against (transfer, add a signer)
     * @param completionChecks run after the record save of every completion (task-scoped rules)
     */
    public WorkflowService(ProcessEngine camunda, ProcessModelService models, RecordService records,
                           PublishedForms forms, TransactionOperations transactions, UserDirectory users,
                           List<TaskCompletionCheck> completionChecks) {
        this.completionChecks = List.copyOf(completionChecks);
        this.runtime = camunda.getRuntimeService();
        this.tasks = camunda.getTaskService();
        this.history = camunda.getHistoryService();
        this.repository = camunda.getRepositoryService();
        this.models = models;
        this.records = records;
        this.forms = forms;
        this.transactions = transactions;
        this.approvals = new ApprovalService(camunda, this, records, users, transactions);
    }

    /** Starts the current published version of a model for a record the actor may read. */
    public StartedProcess start(Actor actor, String modelKey, String formKey, long recordId) {
        ProcessVersion version = models.current(modelKey)
                .orElseThrow(() -> new NotFoundException("process", modelKey));
        if (!version.deployed()) {
            throw new ValidationException(Problem.of("key", "process_not_deployed", modelKey));
        }
        records.get(actor, formKey, recordId);
        String deploymentId = models.deploymentOf(modelKey, version.version()).orElseThrow();
        String processKey = version.processKeys().contains(modelKey) ? modelKey : version.processKeys().get(0);
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deploymentId)
                .processDefinitionKey(processKey).singleResult();
        requireForm(definition, formKey);
        return inTransaction(() -> {
            Map<String, Object> variables = new HashMap<>();
            variables.put(WorkflowNames.RECORD_ID, recordId);
            variables.put(WorkflowNames.FORM_KEY, formKey);
            variables.put(WorkflowNames.SUBMITTER, actor.username());
            variables.put(WorkflowNames.MODEL_KEY, modelKey);
            ProcessInstance instance = runtime.startProcessInstanceById(definition.getId(),
                    formKey + ":" + recordId, variables);
            return new StartedProcess(instance.getId(), modelKey, version.version(), formKey, recordId,
                    instance.isEnded());
        });
    }

    /** Tasks assigned to the actor, and unassigned tasks offered to the actor or one of the actor's roles. */
    public List<WorkTask> tasks(Actor actor) {
        TaskQuery query = tasks.createTaskQuery().or().taskAssignee(actor.username())
                .taskCandidateUser(actor.username());
        if (!actor.roles().isEmpty()) {
            query = query.taskCandidateGroupIn(new ArrayList<>(actor.roles()));
        }
        List<Task> found = query.endOr().initializeFormKeys().orderByTaskCreateTime().asc().orderByTaskId().asc()
                .list();
        return views(actor, found);
    }

    /**
     * The views of tasks found a moment ago. A task completed by someone else since the query (its links
     * and variables are gone) is left out rather than failing the whole inbox.
     */
    List<WorkTask> views(Actor actor, List<Task> found) {
        List<WorkTask> views = new ArrayList<>();
        for (Task task : found) {
            try {
                views.add(view(actor, task, links(task.getId())));
            } catch (NullValueException completedMeanwhile) {
                // gone between the query and this read; the next look at the inbox will not list it
            }
        }
        return views;
    }

    public WorkTask task(Actor actor, String taskId) {
        Task task = visible(actor, taskId);
        return view(actor, task, links(taskId));
    }

    /** The task with its form, the record as the actor may see it, and the steps it may be returned to. */
    public TaskDetail open(Actor actor, String taskId) {
        WorkTask task = task(actor, taskId);
        PublishedForm form = forms.current(task.recordFormKey())
                .orElseThrow(() -> new NotFoundException("form", task.recordFormKey()));
        FormRecord record = records.get(actor, task.recordFormKey(), task.recordId());
        // the form as the actor may see it: a hidden field is not even named on the task page
        return new TaskDetail(task, records.visibleDefinition(actor, task.recordFormKey()), form.version(), record,
                returnTargets(task.processInstanceId(), task.activityId()));
    }

    public WorkTask claim(Actor actor, String taskId) {
        return inTransaction(() -> {
            Task task = visible(actor, taskId);
            if (task.getAssignee() != null && !task.getAssignee().equals(actor.username())) {
                throw new ConflictException("task_claimed", "the task is assigned to someone else", null);
            }
            if (task.getAssignee() == null) {
                tasks.claim(taskId, actor.username());
            }
            return task(actor, taskId);
        });
    }

    /**
     * Saves the task's record with the actor's values (optimistic {@code version}, all record checks)
     * and completes the task, in one transaction. Gateways after the task see the saved values.
     *
     * @return the record as saved
     */
    public FormRecord complete(Actor actor, String taskId, long version, Map<String, Object> values) {
        return inTransaction(() -> {
            Task task = visible(actor, taskId);
            WorkTask view = view(actor, task, links(taskId));
            Map<String, Object> input = values == null ? Map.of() : values;
            refuseOutsideSection(view, input);
            FormRecord saved = records.update(actor, view.recordFormKey(), view.recordId(), version, input);
            checkCompletion(view);
            if (task.getAssignee() == null) {
                tasks.setAssignee(taskId, actor.username());
            }
            Map<String, Object> variables = new HashMap<>();
            if (view.returnReason() != null) {
                variables.put(WorkflowNames.RETURN_REASON, null);
            }
            tasks.complete(taskId, variables);
            return saved;
        });
    }

    /**
     * Saves what the actor changed on the task's form (only the task's section, optimistic version, every
     * check of a record save); nothing when there are no edits. Callers run it inside their decision's
     * transaction, before the task moves on, so gateways see the saved values.
     */
    private void saveEdits(Actor actor, WorkTask view, TaskEdits edits) {
        if (edits == null || edits.isEmpty()) {
            return;
        }
        refuseOutsideSection(view, edits.values());
        records.update(actor, view.recordFormKey(), view.recordId(), edits.version(), edits.values());
    }

    /** The task-scoped rules ({@link TaskCompletionCheck}) against the record as stored now. */
    private void checkCompletion(WorkTask view) {
        if (completionChecks.isEmpty()) {
            return;
        }
        PublishedForm form = forms.current(view.recordFormKey()).orElseThrow();
        FormRecord full = records.get(Actor.system(), view.recordFormKey(), view.recordId());
        List<Problem> problems = new ArrayList<>();
        for (TaskCompletionCheck check : completionChecks) {
            problems.addAll(check.problems(view.activityId(), form.definition(), full));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** A task whose form names a section changes only that section's fields; the UI locks the others too. */
    private void refuseOutsideSection(WorkTask view, Map<String, Object> input) {
        if (input.isEmpty()) {
            return;
        }
        PublishedForm form = forms.current(view.recordFormKey())
                .orElseThrow(() -> new NotFoundException("form", view.recordFormKey()));
        java.util.Set<String> editable = TaskSections.editableFields(form.definition(), view.formKey());
        if (editable == null) {
            return;
        }
        List<Problem> problems = input.keySet().stream().filter(key -> !editable.contains(key)).sorted()
                .map(key -> Problem.of(key, "read_only")).toList();
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /**
     * Sends the work back to an earlier user task of the same instance ({@link #SUBMITTER}: the first one),
     * keeping the reason as a task comment and as the {@code returnReason} variable the next task shows.
     */
    public WorkTask returnTask(Actor actor, String taskId, String target, String reason) {
        return returnTask(actor, taskId, target, reason, null);
    }

    /** {@link #returnTask(Actor, String, String, String)} saving the actor's edits of the task's form first, in the same transaction. */
    public WorkTask returnTask(Actor actor, String taskId, String target, String reason, TaskEdits edits) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(Problem.of("reason", "required"));
        }
        if (reason.length() > 2000) {
            throw new ValidationException(Problem.of("reason", "too_long", 2000));
        }
        return inTransaction(() -> {
            Task task = visible(actor, taskId);
            saveEdits(actor, view(actor, task, links(taskId)), edits);
            List<String> targets = returnTargets(task.getProcessInstanceId(), task.getTaskDefinitionKey());
            String destination;
            if (target == null || target.isBlank() || SUBMITTER.equals(target)) {
                if (targets.isEmpty()) {
                    throw new ValidationException(Problem.of("target", "no_earlier_task"));
                }
                destination = targets.get(0);
            } else if (targets.contains(target)) {
                destination = target;
            } else {
                throw new ValidationException(Problem.of("target", "not_an_earlier_task", target));
            }
            tasks.createComment(taskId, task.getProcessInstanceId(), "returned to " + destination + ": " + reason);
            runtime.createProcessInstanceModification(task.getProcessInstanceId())
                    .cancelAllForActivity(task.getTaskDefinitionKey())
                    .startBeforeActivity(destination)
                    .setVariable(WorkflowNames.RETURN_REASON, reason)
                    .setVariable(WorkflowNames.RETURNED_BY, actor.username())
                    .setVariable(WorkflowNames.RETURNED_FROM, task.getTaskDefinitionKey())
                    .execute();
            List<Task> created = tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId())
                    .taskDefinitionKey(destination).initializeFormKeys().list();
            Task next = created.get(0);
            return view(Actor.system(), next, links(next.getId()));
        });
    }

    // --- approval actions (io.opensop.engine.workflow.approval, docs/workflow.md "Approval patterns") ---

    /**
     * Records an approval with its comment and completes the task (or hands it to the next added signer).
     * An approval completes the task, so the task-scoped rules must hold, as for {@link #complete}.
     */
    public ApprovalEntry approve(Actor actor, String taskId, String comment) {
        return approve(actor, taskId, comment, null);
    }

    /**
     * Saves the actor's edits of the task's form and approves, in one transaction: if the save, a
     * task-scoped rule or the approval is refused, nothing is written.
     */
    public ApprovalEntry approve(Actor actor, String taskId, String comment, TaskEdits edits) {
        return inTransaction(() -> {
            WorkTask view = task(actor, taskId);
            saveEdits(actor, view, edits);
            checkCompletion(view);
            return approvals.approve(actor, taskId, comment);
        });
    }

    /** Records a rejection; {@code target} null follows the step's modeled route, else returns to that earlier step. */
    public ApprovalEntry reject(Actor actor, String taskId, String comment, String target) {
        return reject(actor, taskId, comment, target, null);
    }

    /** Saves the actor's edits of the task's form and rejects, in one transaction (or neither). */
    public ApprovalEntry reject(Actor actor, String taskId, String comment, String target, TaskEdits edits) {
        return inTransaction(() -> {
            saveEdits(actor, task(actor, taskId), edits);
            return approvals.reject(actor, taskId, comment, target);
        });
    }

    /** 转交: reassigns the task to another user, kept in the approval history. */
    public ApprovalEntry transfer(Actor actor, String taskId, String toUser, String comment) {
        return approvals.transfer(actor, taskId, toUser, comment);
    }

    /** 加签: an extra approver {@code before} or {@code after} the actor on this task. */
    public ApprovalEntry addSigner(Actor actor, String taskId, String user, String position, String comment) {
        return approvals.addSigner(actor, taskId, user, position, comment);
    }

    /** 撤回: the submitter ends the process before any approver decided. */
    public ApprovalEntry withdraw(Actor actor, String processInstanceId, String reason) {
        return approvals.withdraw(actor, processInstanceId, reason);
    }

    /** The decisions, transfers, added signers and withdrawals of a process instance, oldest first. */
    public List<ApprovalEntry> approvalHistory(Actor actor, String processInstanceId) {
        return approvals.history(actor, processInstanceId);
    }

    /** The comments kept on a process instance's tasks, oldest first (return reasons among them). */
    public List<String> comments(Actor actor, String taskId) {
        Task task = visible(actor, taskId);
        return tasks.getProcessInstanceComments(task.getProcessInstanceId()).stream()
                .map(c -> c.getFullMessage()).toList();
    }

    /** Whether the record has a running process instance. */
    public boolean running(String formKey, long recordId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(formKey + ":" + recordId).count() > 0;
    }

    private List<String> returnTargets(String processInstanceId, String currentActivity) {
        Set<String> targets = new LinkedHashSet<>();
        for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).activityType("userTask").finished()
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()) {
            if (!step.getActivityId().equals(currentActivity)) {
                targets.add(step.getActivityId());
            }
        }
        return new ArrayList<>(targets);
    }

    private void requireForm(ProcessDefinition definition, String formKey) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        Set<String> named = new LinkedHashSet<>();
        for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
            String key = ModelRules.formPart(userTask.getCamundaFormKey());
            if (key != null && !key.isEmpty()) {
                named.add(key);
            }
        }
        if (!named.isEmpty() && !named.contains(formKey)) {
            throw new ValidationException(Problem.of("formKey", "form_not_in_process", formKey,
                    String.join(", ", named)));
        }
    }

    private Task visible(Actor actor, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            throw new NotFoundException("task", taskId);
        }
        if (actor.username().equals(task.getAssignee())) {
            return task;
        }
        if (task.getAssignee() == null && isCandidate(actor, links(taskId))) {
            return task;
        }
        throw new NotFoundException("task", taskId);
    }

    private static boolean isCandidate(Actor actor, List<IdentityLink> links) {
        for (IdentityLink link : links) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (actor.username().equals(link.getUserId())
                    || (link.getGroupId() != null && actor.hasRole(link.getGroupId()))) {
                return true;
            }
        }
        return false;
    }

    private List<IdentityLink> links(String taskId) {
        return tasks.getIdentityLinksForTask(taskId);
    }

    private WorkTask view(Actor actor, Task task, List<IdentityLink> links) {
        Map<String, Object> variables = runtime.getVariables(task.getExecutionId(), List.of(WorkflowNames.RECORD_ID,
                WorkflowNames.FORM_KEY, WorkflowNames.RETURN_REASON, WorkflowNames.MODEL_KEY));
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (IdentityLink link : links) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
            }
        }
        Set<String> actions = new LinkedHashSet<>();
        boolean mine = actor.username().equals(task.getAssignee());
        boolean offered = task.getAssignee() == null && isCandidate(actor, links);
        if (mine || offered) {
            actions.add(WorkTask.COMPLETE);
            if (!returnTargets(task.getProcessInstanceId(), task.getTaskDefinitionKey()).isEmpty()) {
                actions.add(WorkTask.RETURN);
            }
        }
        if (offered) {
            actions.add(WorkTask.CLAIM);
        }
        Object recordId = variables.get(WorkflowNames.RECORD_ID);
        OffsetDateTime created = task.getCreateTime() == null ? null
                : task.getCreateTime().toInstant().atOffset(ZoneOffset.UTC);
        return new WorkTask(task.getId(), task.getName(), task.getTaskDefinitionKey(),
                (String) variables.get(WorkflowNames.MODEL_KEY), task.getProcessInstanceId(), task.getFormKey(),
                (String) variables.get(WorkflowNames.FORM_KEY),
                recordId instanceof Number n ? n.longValue() : null, task.getAssignee(), groups, users, created,
                (String) variables.get(WorkflowNames.RETURN_REASON), actions);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return WorkflowTransactions.run(transactions, work);
    }
}
