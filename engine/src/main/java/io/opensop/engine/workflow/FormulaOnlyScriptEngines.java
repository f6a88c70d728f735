package io.opensop.engine.workflow;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * Replaces Camunda's script engine lookup: only our formula language resolves, so a script in
 * Groovy, JavaScript or any other JSR-223 language on the class path cannot run even if a model
 * slipped past validation. Defence in depth behind {@link ModelRules}.
 */
final class FormulaOnlyScriptEngines implements ScriptEngineResolver {

    private final FormulaScriptEngine.Factory factory;
    private final ScriptEngineManager manager = new ScriptEngineManager(new ClassLoader(null) {
    });

    FormulaOnlyScriptEngines(FormulaScriptEngine.Factory factory) {
        this.factory = factory;
        manager.registerEngineName(WorkflowNames.FORMULA_LANGUAGE, factory);
    }

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory ignored) {
        // no other languages, whoever asks
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
        return manager;
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean useCache) {
        return WorkflowNames.FORMULA_LANGUAGE.equalsIgnoreCase(language) ? factory.getScriptEngine() : null;
    }
}
