package io.opensop.runtime.config;

import io.opensop.engine.EngineServices;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.workflow.ProcessModelService;
import io.opensop.engine.workflow.ProcessModelsAdapter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Template packages store their BPMN models through the workflow's model repository. */
@Configuration(proxyBeanMethods = false)
public class TemplateConfiguration {

    @Bean
    TemplateService templateService(EngineServices engine, ProcessModelService processModels) {
        return engine.templates(new ProcessModelsAdapter(processModels));
    }
}
