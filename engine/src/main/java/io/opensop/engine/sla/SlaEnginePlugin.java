package io.opensop.engine.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Hooks SLA clocks and scheduled reports into the embedded Camunda engine, with no change to any
 * model: every user task gets built-in listeners (create/complete/delete) that start, stop and pause
 * clocks, and each pending SLA step is a Camunda timer job of type {@value #JOB_TYPE}, so the job
 * executor (cluster mode on several nodes) fires each exactly once, inside a transaction. The
 * weekly report process's {@code send} task is bound here too, so its model names no Java class.
 * Built before the engine; the services are bound once they exist ({@link SlaServices}).
 */
public final class SlaEnginePlugin extends AbstractProcessEnginePlugin {

    public static final String JOB_TYPE = "opensop-sla";

    private volatile ProcessEngineConfigurationImpl configuration;
    private volatile SlaService sla;
    private volatile WeeklyReports reports;

    void bind(SlaService sla, WeeklyReports reports) {
        this.sla = sla;
        this.reports = reports;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void preInit(ProcessEngineConfigurationImpl cfg) {
        if (cfg.getCustomJobHandlers() == null) {
            cfg.setCustomJobHandlers(new ArrayList<>());
        }
        cfg.getCustomJobHandlers().add((JobHandler) new ClockJobHandler());
        if (cfg.getCustomPreBPMNParseListeners() == null) {
            cfg.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        cfg.getCustomPreBPMNParseListeners().add(new Listeners());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl cfg) {
        this.configuration = cfg;
    }

    /** Schedules a one-off timer job that calls back {@link SlaService#fire} at {@code due}; returns its id. */
    String schedule(Instant due, long clockId, int generation) {
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            TimerEntity timer = new TimerEntity();
            timer.setDuedate(Date.from(due));
            timer.setJobHandlerType(JOB_TYPE);
            timer.setJobHandlerConfigurationRaw(clockId + ":" + generation);
            context.getJobManager().schedule(timer);
            return timer.getId();
        });
    }

    /** Deletes a pending timer job, if it is still there and not running. */
    void unschedule(String jobId) {
        if (jobId == null) {
            return;
        }
        configuration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(jobId);
            if (job != null && job.getLockOwner() == null) {
                job.delete();
            }
            return null;
        });
    }

    /** The current assignee of a task, or null. */
    String assignee(String taskId) {
        org.camunda.bpm.engine.task.Task task = configuration.getTaskService().createTaskQuery().taskId(taskId)
                .singleResult();
        return task == null ? null : task.getAssignee();
    }

    record ClockJob(long clockId, int generation) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return clockId + ":" + generation;
        }
    }

    private final class ClockJobHandler implements JobHandler<ClockJob> {
        @Override
        public String getType() {
            return JOB_TYPE;
        }

        @Override
        public void execute(ClockJob job, ExecutionEntity execution, CommandContext context, String tenantId) {
            SlaService service = sla;
            if (service == null) {
                throw new IllegalStateException("SLA service not bound yet");
            }
            service.fire(job.clockId(), job.generation());
        }

        @Override
        public ClockJob newConfiguration(String canonical) {
            int colon = canonical.indexOf(':');
            return new ClockJob(Long.parseLong(canonical.substring(0, colon)),
                    Integer.parseInt(canonical.substring(colon + 1)));
        }

        @Override
        public void onDelete(ClockJob configuration, JobEntity jobEntity) {
            // nothing to clean up: the clock row keeps its own state
        }
    }

    private final class Listeners extends AbstractBpmnParseListener {
        @Override
        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                TaskListener listener = task -> {
                    SlaService service = sla;
                    if (service != null) {
                        service.onTaskEvent(task);
                    }
                };
                behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
                behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
                behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, listener);
            }
        }

        @Override
        public void parseTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (scope.getProcessDefinition() instanceof org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity definition
                    && WeeklyReports.PROCESS_KEY.equals(definition.getKey())
                    && WeeklyReports.SEND_ACTIVITY.equals(activity.getId())) {
                activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, execution -> {
                    WeeklyReports bound = reports;
                    if (bound == null) {
                        throw new IllegalStateException("reports not bound yet");
                    }
                    bound.send();
                });
            }
        }
    }
}
