package io.opensop.runtime.formula;

import io.opensop.engine.EngineServices;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.rules.RecordExplainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's formula services as beans, next to the controllers that use them. */
@Configuration(proxyBeanMethods = false)
class FormulaBeans {

    @Bean
    FormulaTools formulaTools(EngineServices engine) {
        return engine.formulaTools();
    }

    @Bean
    RecordExplainer recordExplainer(EngineServices engine) {
        return engine.explainer();
    }
}
