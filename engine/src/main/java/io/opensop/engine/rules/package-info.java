/**
 * Formulas applied to records: computed and roll-up fields, validation rules, conditional
 * required/visible/read-only fields and uniqueness on every save; checks at publish; recompute
 * after a formula changes; "why this value". The formula language itself lives in
 * {@link io.opensop.engine.formula}; this package only ever hands it formula text through
 * {@link io.opensop.engine.formula.FormulaEngine}, which parses and type-checks before anything runs.
 */
package io.opensop.engine.rules;
