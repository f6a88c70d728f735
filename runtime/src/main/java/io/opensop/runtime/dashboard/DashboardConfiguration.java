package io.opensop.runtime.dashboard;

import io.opensop.engine.EngineServices;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.dashboard.DashboardService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's aggregate and dashboard services as beans, for the REST API and the views. */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration {

    @Bean
    AggregateService aggregateService(EngineServices engine) {
        return engine.aggregates();
    }

    @Bean
    DashboardService dashboardService(EngineServices engine) {
        return engine.dashboards();
    }
}
