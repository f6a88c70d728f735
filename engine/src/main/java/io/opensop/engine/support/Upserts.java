package io.opensop.engine.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * "Insert unless the key exists" without aborting the transaction on PostgreSQL, where a failed
 * insert would poison everything after it. Table and column names are the engine's constants.
 */
public final class Upserts {

    private Upserts() {
    }

    /** {@code values} are given in the order of {@code columns}; the key columns come first. */
    public static void insertIfAbsent(DSLContext dsl, String table, String[] keyColumns, String[] columns,
                                      Object... values) {
        String columnList = String.join(", ", columns);
        String binds = String.join(", ", Collections.nCopies(columns.length, "?"));
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("insert into " + table + " (" + columnList + ") values (" + binds + ") on conflict ("
                    + String.join(", ", keyColumns) + ") do nothing", values);
            return;
        }
        StringBuilder where = new StringBuilder();
        List<Object> arguments = new ArrayList<>(List.of(values));
        for (int i = 0; i < keyColumns.length; i++) {
            where.append(i == 0 ? "" : " and ").append(keyColumns[i]).append(" = ?");
            arguments.add(values[i]);
        }
        try {
            // H2 rolls back only the failing statement, so a lost race is harmless here.
            dsl.execute("insert into " + table + " (" + columnList + ") select " + binds
                    + " where not exists (select 1 from " + table + " where " + where + ")", arguments.toArray());
        } catch (IntegrityConstraintViolationException | DataIntegrityViolationException raceLost) {
            // another transaction inserted the same key first (the second type when Spring translates)
        }
    }
}
