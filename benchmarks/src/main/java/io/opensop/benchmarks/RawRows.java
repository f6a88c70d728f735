package io.opensop.benchmarks;

import io.opensop.engine.record.PublishedForm;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows written straight into a form's table with JDBC, bypassing the engine: the baseline of the
 * save benchmark and the fast generator of big tables. Column names come from the engine's own
 * layout registry, so the rows land exactly where the engine would put them. No revision rows.
 */
final class RawRows {

    static final OffsetDateTime BASE_TIME = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final String sql;
    private final List<String> keys;

    /** @param fieldKeys the fields each row gives values for, in order */
    RawRows(PublishedForm form, List<String> fieldKeys) {
        this.keys = List.copyOf(fieldKeys);
        StringBuilder columns = new StringBuilder(
                "\"row_version\", \"form_version\", \"owner_id\", \"created_by\", \"created_at\", \"updated_by\","
                        + " \"updated_at\", \"stage\", \"deleted\"");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?, ?, ?, ?, ?, ?");
        for (String key : keys) {
            columns.append(", \"").append(form.layout().column(key).orElseThrow()).append('"');
            marks.append(", ?");
        }
        this.sql = "insert into \"" + form.layout().tableName() + "\" (" + columns + ") values (" + marks + ")";
        this.formVersion = form.version();
    }

    private final int formVersion;

    PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(sql);
    }

    /** Binds one row: system columns (updated_at moves a second per row, so it can be sorted on) and the fields. */
    void bind(PreparedStatement ps, long rowNo, String user, Map<String, Object> values) throws SQLException {
        OffsetDateTime at = BASE_TIME.plusSeconds(rowNo);
        int i = 1;
        ps.setLong(i++, 1);
        ps.setInt(i++, formVersion);
        ps.setObject(i++, null, java.sql.Types.BIGINT);
        ps.setString(i++, user);
        ps.setObject(i++, at);
        ps.setString(i++, user);
        ps.setObject(i++, at);
        ps.setObject(i++, null, java.sql.Types.VARCHAR);
        ps.setBoolean(i++, false);
        for (String key : keys) {
            Object v = values.get(key);
            if (v == null) {
                ps.setObject(i++, null, java.sql.Types.NULL);
            } else if (v instanceof BigDecimal d) {
                ps.setBigDecimal(i++, d);
            } else if (v instanceof LocalDate d) {
                ps.setObject(i++, d);
            } else {
                ps.setObject(i++, v);
            }
        }
    }

    /** Inserts rows {@code 0 … count-1} in batches, one transaction per batch; returns seconds taken. */
    double insert(javax.sql.DataSource dataSource, int count, int batchSize, java.util.function.IntFunction<Map<String, Object>> row)
            throws SQLException {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c)) {
                for (int n = 0; n < count; n++) {
                    bind(ps, n, "generator", row.apply(n));
                    ps.addBatch();
                    if ((n + 1) % batchSize == 0 || n == count - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Input values of a deal-like row, deterministic in {@code n}. */
    static Map<String, Object> dealInputs(int n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Deal " + n);
        v.put("region", BenchForms.REGIONS[n & 3]);
        v.put("amount", BigDecimal.valueOf(1_000_00L + (n * 7919L) % 200_000_00L, 2));
        v.put("payment_days", BigDecimal.valueOf(n % 91));
        v.put("quantity", BigDecimal.valueOf(1 + n % 20));
        v.put("unit_price", BigDecimal.valueOf(500_00L + (n * 31L) % 10_000_00L, 2));
        return v;
    }

    static List<String> keysOf(Map<String, Object> sample) {
        return new ArrayList<>(sample.keySet());
    }
}
