package io.opensop.engine.testing;

import io.opensop.engine.workflow.WorkflowServices;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The engine plus an embedded Camunda engine on the same datasource and the same Spring
 * transaction manager, configured like the runtime's starter (full history, no Java serialization,
 * no job executor: tests run due jobs themselves through the ManagementService).
 */
public final class WorkflowHarness implements AutoCloseable {

    public final EngineHarness engine;
    public final ProcessEngine camunda;
    public final WorkflowServices workflow;

    public WorkflowHarness(DataSource dataSource) {
        this(dataSource, Set.of());
    }

    public WorkflowHarness(DataSource dataSource, Set<String> allowedDelegates) {
        this(dataSource, allowedDelegates, java.util.List.of());
    }

    /** @param plugins more engine plugins, as the runtime's starter applies every plugin bean */
    public WorkflowHarness(DataSource dataSource, Set<String> allowedDelegates,
                           java.util.List<org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin> plugins) {
        this.engine = new EngineHarness(dataSource);
        SpringProcessEngineConfiguration configuration = new SpringProcessEngineConfiguration();
        configuration.setProcessEngineName("test-" + UUID.randomUUID());
        configuration.setDataSource(dataSource);
        configuration.setTransactionManager((PlatformTransactionManager) engine.transactions.getTransactionManager());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setMetricsEnabled(false);
        GenericApplicationContext beans = new GenericApplicationContext();
        beans.refresh();
        configuration.setApplicationContext(beans);
        configuration.getProcessEnginePlugins().add(WorkflowServices.plugin(engine.engine, engine.clock,
                EngineHarness.SHANGHAI));
        configuration.getProcessEnginePlugins().addAll(plugins);
        ClockUtil.setCurrentTime(java.util.Date.from(engine.clock.instant()));
        this.camunda = configuration.buildProcessEngine();
        this.workflow = new WorkflowServices(engine.engine, camunda, engine.dsl, engine.transactions, engine.clock,
                allowedDelegates);
    }

    /** Moves both clocks to a local date-time in Shanghai and runs every job that is due; returns how many ran. */
    public int at(String localDateTime) {
        Instant instant = LocalDateTime.parse(localDateTime).atZone(EngineHarness.SHANGHAI).toInstant();
        engine.clock.set(instant);
        ClockUtil.setCurrentTime(Date.from(instant));
        return runDueJobs();
    }

    /** Runs due jobs, and the jobs those create, until none is due; returns how many ran. */
    public int runDueJobs() {
        ManagementService management = camunda.getManagementService();
        int ran = 0;
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                ran++;
            }
        }
        throw new IllegalStateException("jobs keep coming");
    }

    @Override
    public void close() {
        camunda.close();
        ClockUtil.reset();
    }
}
