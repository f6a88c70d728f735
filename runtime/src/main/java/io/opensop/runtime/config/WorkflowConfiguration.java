package io.opensop.runtime.config;

import io.opensop.engine.EngineServices;
import io.opensop.engine.workflow.OpenSopEnginePlugin;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.WorkflowServices;
import java.time.Clock;
import java.time.ZoneId;
import org.camunda.bpm.engine.ProcessEngine;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the workflow feature. The Camunda starter builds the ProcessEngine on the application's
 * datasource and transaction manager and applies every ProcessEnginePlugin bean, ours among them.
 * Bean names avoid Camunda's own ({@code formService}, {@code taskService}, {@code runtimeService} ...).
 */
@Configuration(proxyBeanMethods = false)
public class WorkflowConfiguration {

    @Bean
    OpenSopEnginePlugin opensopEnginePlugin(EngineServices engine, Clock clock,
                                            @Value("${opensop.business-zone:Asia/Shanghai}") String businessZone) {
        return WorkflowServices.plugin(engine, clock, ZoneId.of(businessZone));
    }

    @Bean
    WorkflowServices workflowServices(EngineServices engine, ProcessEngine processEngine, DSLContext dsl,
                                      PlatformTransactionManager transactionManager, Clock clock) {
        return new WorkflowServices(engine, processEngine, dsl, new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    ProcessModelService processModelService(WorkflowServices workflow) {
        return workflow.models();
    }

    @Bean
    WorkflowService workflowService(WorkflowServices workflow) {
        return workflow.workflow();
    }
}
