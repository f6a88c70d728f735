package io.opensop.engine.formula;

import java.util.List;
import java.util.Map;

/** The checked tree: the type of every node and what every field reference reads. */
record Typing(Node root, FormulaType type, Map<Node, FormulaType> types, Map<Node, Binding> bindings,
              List<FormulaError> errors) {
}
