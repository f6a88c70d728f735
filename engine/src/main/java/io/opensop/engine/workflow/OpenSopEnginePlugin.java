package io.opensop.engine.workflow;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Hardens the embedded engine the same way wherever it is built (the runtime's Spring Boot starter
 * picks this up as a bean; engine tests add it by hand): our formula language as the only script
 * language, no Java serialization of variables, no script loading from external resources.
 */
public final class OpenSopEnginePlugin extends AbstractProcessEnginePlugin {

    private final RecordConditions conditions;
    private final Map<String, Object> buildingBlocks;

    public OpenSopEnginePlugin(RecordConditions conditions) {
        this(conditions, Map.of());
    }

    /** @param buildingBlocks beans that allowlisted expressions of generated models name (e.g. {@code opensopApproval}) */
    public OpenSopEnginePlugin(RecordConditions conditions, Map<String, Object> buildingBlocks) {
        this.conditions = conditions;
        this.buildingBlocks = Map.copyOf(buildingBlocks);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setScriptEngineResolver(new FormulaOnlyScriptEngines(new FormulaScriptEngine.Factory(conditions)));
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setEnableScriptEngineLoadExternalResources(false);
        configuration.setEnableScriptEngineCaching(false);
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setEnableExpressionsInStoredQueries(false);
        Map<Object, Object> beans = configuration.getBeans() == null ? new HashMap<>()
                : new HashMap<>(configuration.getBeans());
        beans.putAll(buildingBlocks);
        configuration.setBeans(beans);
        // Spring's ProcessEngineFactoryBean creates an expression manager over the whole application
        // context before plugins run, so it would never see these beans (and would expose every Spring
        // bean to expressions): drop it, and Camunda builds one that resolves exactly the beans above.
        configuration.setExpressionManager(null);
    }
}
