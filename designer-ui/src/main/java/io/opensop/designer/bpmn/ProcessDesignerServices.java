package io.opensop.designer.bpmn;

import io.opensop.engine.metadata.FormService;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.workflow.ProcessModelService;

/** The engine services the modeler works through; every call carries the signed-in actor. */
public record ProcessDesignerServices(ProcessModelService models, FormService forms, FormulaTools formulas) {
}
