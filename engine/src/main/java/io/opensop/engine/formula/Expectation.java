package io.opensop.engine.formula;

/** What an argument or operand should have been, named in wrong-type messages. */
enum Expectation {
    NUMBER, TEXT, BOOLEAN, DATE, DATE_OR_DATETIME, SCALAR, NUMBER_LIST, LIST, TEXT_OR_TEXT_LIST,
    NUMBER_OR_DATE, SAME_TYPE_AS_LIST, WHOLE_NUMBER_LITERAL
}
