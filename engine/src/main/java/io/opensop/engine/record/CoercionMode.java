package io.opensop.engine.record;

/**
 * STRICT is for API input: each type takes its JSON form only. LENIENT also takes text that a
 * spreadsheet or an older column type would hold (numbers as text, option labels, usernames).
 */
public enum CoercionMode {
    STRICT, LENIENT
}
