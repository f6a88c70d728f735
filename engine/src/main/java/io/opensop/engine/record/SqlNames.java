package io.opensop.engine.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * Generated SQL names for record tables. Keys are validated identifiers (see
 * {@link io.opensop.engine.form.Identifiers}) and are only ever used behind a fixed prefix and as
 * quoted names, so no user text is spliced into SQL.
 */
final class SqlNames {

    static final String ID = "id";
    static final String ROW_VERSION = "row_version";
    static final String FORM_VERSION = "form_version";
    static final String OWNER_ID = "owner_id";
    static final String CREATED_BY = "created_by";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_BY = "updated_by";
    static final String UPDATED_AT = "updated_at";
    static final String STAGE = "stage";
    static final String DELETED = "deleted";
    static final String PARENT_ID = "parent_id";
    static final String LINE_NO = "line_no";

    private SqlNames() {
    }

    static String table(String formKey) {
        return "rec_" + formKey;
    }

    static String childTable(String formKey, String subFormKey) {
        return "rec_" + formKey + "__" + subFormKey;
    }

    /** The first column of a field is {@code c_<key>}; a retype moves it to {@code c_<key>_<generation>}. */
    static String column(String fieldKey, int generation) {
        return generation <= 1 ? "c_" + fieldKey : "c_" + fieldKey + "_" + generation;
    }

    static String index(String table, String column) {
        return "ix_" + shortHash(table + "." + column);
    }

    static Name quoted(String name) {
        return DSL.quotedName(name);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
