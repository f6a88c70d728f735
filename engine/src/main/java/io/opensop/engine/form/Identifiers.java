package io.opensop.engine.form;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape every form and field key must have. Keys end up (prefixed) in generated SQL names,
 * so the pattern is deliberately narrow: lower-case ASCII, digits and underscores, 28 characters at
 * most, which keeps {@code rec_<form>__<field>} inside PostgreSQL's 63-character limit.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 28;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");

    /** Names the record API and formulas already use for system values. */
    public static final Set<String> RESERVED = Set.of(
            "id", "version", "form_version", "owner", "owner_id", "created_by", "created_at",
            "updated_by", "updated_at", "stage", "deleted", "values", "parent_id", "line_no",
            "true", "false", "null", "and", "or", "not", "if");

    private Identifiers() {
    }

    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.contains("__");
    }

    public static boolean isReserved(String key) {
        return RESERVED.contains(key);
    }
}
