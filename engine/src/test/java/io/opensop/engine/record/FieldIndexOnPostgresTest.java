package io.opensop.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;

class FieldIndexOnPostgresTest extends FieldIndexContract {

    private static final int ROWS = 3_000;

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }

    @Test
    void sortedKeysetPagesInEitherDirectionReadTheirSortIndexInsteadOfSortingTheTable() throws SQLException {
        publish(opportunity(",\"indexed\":true", ""));
        insertRows();
        String descending = ColumnIndexes.name("rec_opp", "c_amount", ColumnIndexes.Kind.SORT_DESCENDING);
        String ascending = ColumnIndexes.name("rec_opp", "c_amount", ColumnIndexes.Kind.SORT_ASCENDING);

        for (boolean largestFirst : new boolean[] {true, false}) {
            RecordQuery first = new RecordQuery(List.of(), List.of(new RecordSort("amount", largestFirst)), 50, null,
                    false, false);
            RecordPage page = engine.records().list(admin, "opp", first);
            String plan = planOf(first);

            assertThat(plan).contains("Index Scan using " + (largestFirst ? descending : ascending))
                    .doesNotContain("Sort Key").doesNotContain("Seq Scan");
            RecordQuery second = new RecordQuery(first.filters(), first.sorts(), 50, page.next(), false, false);
            assertThat(planOf(second)).as("the page after the cursor")
                    .contains("Index Scan using " + (largestFirst ? descending : ascending))
                    .doesNotContain("Sort Key");
            BigDecimal top = (BigDecimal) page.items().get(0).values().get("amount");
            assertThat(top).isEqualTo(largestFirst ? new BigDecimal("1499.00") : new BigDecimal("1.00"));
        }
    }

    /** Amounts repeat (ties broken by id) and every 10th is blank, so both sides of the order are exercised. */
    private void insertRows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into rec_opp (row_version, form_version,"
                    + " created_by, created_at, updated_by, updated_at, deleted, c_name, c_amount)"
                    + " values (1, 1, 'admin', ?, 'admin', ?, false, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.parse("2026-03-02T01:00:00Z"));
                for (int i = 0; i < ROWS; i++) {
                    insert.setTimestamp(1, now);
                    insert.setTimestamp(2, now);
                    insert.setString(3, "Deal " + i);
                    insert.setBigDecimal(4, i % 10 == 0 ? null : BigDecimal.valueOf(i % 1500).setScale(2));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("analyze rec_opp");
            }
        }
    }

    /** The plan of the select that {@code RecordService.list} sends for the query. */
    private String planOf(RecordQuery query) throws SQLException {
        List<String> sent = new ArrayList<>();
        ExecuteListener capture = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                String sql = ctx.dsl().renderInlined(ctx.query());
                if (sql.toLowerCase(Locale.ROOT).startsWith("select") && sql.contains("\"rec_opp\"")) {
                    sent.add(sql);
                }
            }
        };
        harness.dsl.configuration().set(new DefaultExecuteListenerProvider(capture));
        try {
            engine.records().list(admin, "opp", query);
        } finally {
            harness.dsl.configuration().set(new DefaultExecuteListenerProvider[0]);
        }
        assertThat(sent).hasSize(1);
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain (costs off) " + sent.get(0))) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
