package io.opensop.runtime.ui.designer;

import io.opensop.designer.bpmn.ProcessDesignerServices;
import io.opensop.engine.EngineServices;
import io.opensop.engine.workflow.ProcessModelService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the designer views need from the engine. */
@Configuration(proxyBeanMethods = false)
class DesignerUiConfiguration {

    @Bean
    ProcessDesignerServices processDesignerServices(ProcessModelService models, EngineServices engine) {
        return new ProcessDesignerServices(models, engine.forms(), engine.formulaTools());
    }
}
