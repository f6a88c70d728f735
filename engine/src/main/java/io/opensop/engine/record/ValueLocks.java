package io.opensop.engine.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jooq.DSLContext;

/**
 * Named row locks in {@code value_lock} for databases without advisory locks (H2). The first
 * transaction to need a name inserts its row and so holds it until it ends; a second one's insert
 * waits for the first to end and then fails as a duplicate (or succeeds if the first rolled back);
 * either way it then locks the committed row with {@code SELECT … FOR UPDATE}. A failed statement
 * does not end an H2 transaction, so the caller's transaction goes on.
 */
final class ValueLocks {

    private static final int MAX_KEY = 300;

    private ValueLocks() {
    }

    static void lock(DSLContext dsl, String name) {
        String key = name.length() <= MAX_KEY ? name : sha256(name);
        if (lockRow(dsl, key)) {
            return;
        }
        try {
            dsl.execute("insert into value_lock (lock_key) values (?)", key);
        } catch (org.jooq.exception.DataAccessException | org.springframework.dao.DataAccessException notInserted) {
            // another transaction inserted it first and has ended by now: lock its row
            if (!lockRow(dsl, key)) {
                throw notInserted;
            }
        }
    }

    /** Locks the committed row of {@code key}; false when there is none. */
    private static boolean lockRow(DSLContext dsl, String key) {
        return dsl.fetchOptional("select lock_key from value_lock where lock_key = ? for update", key).isPresent();
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
