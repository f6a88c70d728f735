package io.opensop.engine.testing;

import io.opensop.engine.workflow.WorkflowServices;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

    @Override
    public void close() {
        camunda.close();
        ClockUtil.reset();
    }
}
