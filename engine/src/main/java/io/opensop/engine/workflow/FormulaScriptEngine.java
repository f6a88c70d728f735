package io.opensop.engine.workflow;

import io.opensop.engine.error.EngineException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.List;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The JSR-223 face of our formula language, the only script language the embedded engine knows
 * ({@link FormulaOnlyScriptEngines}). Camunda hands it the condition or script text and the
 * execution; it reads the record id and form key from the process variables and evaluates the
 * formula against that record. No other variable and nothing else is reachable from a formula.
 */
final class FormulaScriptEngine extends AbstractScriptEngine {

    private final Factory factory;

    private FormulaScriptEngine(Factory factory) {
        this.factory = factory;
    }

    @Override
    public Object eval(String script, ScriptContext context) throws ScriptException {
        Bindings bindings = context.getBindings(ScriptContext.ENGINE_SCOPE);
        Object execution = bindings == null ? null : bindings.get("execution");
        if (execution == null && bindings != null) {
            execution = bindings.get("task");
        }
        if (!(execution instanceof VariableScope scope)) {
            throw new ScriptException("a formula runs only inside a process");
        }
        String elementId = execution instanceof DelegateExecution e ? e.getCurrentActivityId()
                : execution instanceof DelegateTask t ? t.getTaskDefinitionKey() : null;
        try {
            return factory.conditions.evaluate(scope.getVariable(WorkflowNames.FORM_KEY),
                    scope.getVariable(WorkflowNames.RECORD_ID), script, elementId);
        } catch (EngineException e) {
            ScriptException failure = new ScriptException(e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        StringWriter text = new StringWriter();
        try {
            reader.transferTo(text);
        } catch (IOException e) {
            throw new ScriptException(e);
        }
        return eval(text.toString(), context);
    }

    @Override
    public Bindings createBindings() {
        return new SimpleBindings();
    }

    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }

    static final class Factory implements ScriptEngineFactory {

        private final RecordConditions conditions;

        Factory(RecordConditions conditions) {
            this.conditions = conditions;
        }

        @Override
        public String getEngineName() {
            return "OpenSOP formula";
        }

        @Override
        public String getEngineVersion() {
            return "1";
        }

        @Override
        public List<String> getExtensions() {
            return List.of();
        }

        @Override
        public List<String> getMimeTypes() {
            return List.of();
        }

        @Override
        public List<String> getNames() {
            return List.of(WorkflowNames.FORMULA_LANGUAGE);
        }

        @Override
        public String getLanguageName() {
            return WorkflowNames.FORMULA_LANGUAGE;
        }

        @Override
        public String getLanguageVersion() {
            return "1";
        }

        @Override
        public Object getParameter(String key) {
            return switch (key) {
                case ScriptEngine.ENGINE, ScriptEngine.NAME -> getEngineName();
                case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
                case ScriptEngine.LANGUAGE -> getLanguageName();
                case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
                case "THREADING" -> "MULTITHREADED";
                default -> null;
            };
        }

        @Override
        public String getMethodCallSyntax(String obj, String m, String... args) {
            throw new UnsupportedOperationException("formulas have no method calls");
        }

        @Override
        public String getOutputStatement(String toDisplay) {
            throw new UnsupportedOperationException("formulas have no output");
        }

        @Override
        public String getProgram(String... statements) {
            throw new UnsupportedOperationException("formulas are single expressions");
        }

        @Override
        public ScriptEngine getScriptEngine() {
            return new FormulaScriptEngine(this);
        }
    }
}
