package io.opensop.engine.record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import static io.opensop.engine.support.SqlValues.timestamp;

import org.jooq.DSLContext;

/** Reads and writes the registry of record tables and columns ({@code form_table}, {@code form_column}). */
final class LayoutRepository {

    static final String MAIN_TABLE_PATH = "$";

    private final DSLContext dsl;

    LayoutRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<ColumnEntry> columns(String formKey) {
        List<ColumnEntry> entries = new ArrayList<>();
        dsl.fetch("select field_path, column_name, field_type, sql_type, active from form_column where form_key = ?"
                        + " order by field_path, column_name", formKey)
                .forEach(r -> entries.add(new ColumnEntry(r.get(0, String.class), r.get(1, String.class),
                        r.get(2, String.class), r.get(3, String.class), Boolean.TRUE.equals(r.get(4, Boolean.class)))));
        return entries;
    }

    Map<String, String> tables(String formKey) {
        Map<String, String> tables = new HashMap<>();
        dsl.fetch("select field_path, table_name from form_table where form_key = ?", formKey)
                .forEach(r -> tables.put(r.get(0, String.class), r.get(1, String.class)));
        return tables;
    }

    TableLayout layout(String formKey) {
        Map<String, String> tables = tables(formKey);
        String main = tables.get(MAIN_TABLE_PATH);
        if (main == null) {
            return null;
        }
        Map<String, String> mainColumns = new HashMap<>();
        Map<String, Map<String, String>> childColumns = new HashMap<>();
        for (ColumnEntry entry : columns(formKey)) {
            if (!entry.active()) {
                continue;
            }
            int dot = entry.fieldPath().indexOf('.');
            if (dot < 0) {
                mainColumns.put(entry.fieldPath(), entry.columnName());
            } else {
                childColumns.computeIfAbsent(entry.fieldPath().substring(0, dot), k -> new HashMap<>())
                        .put(entry.fieldPath().substring(dot + 1), entry.columnName());
            }
        }
        Map<String, TableLayout> children = new HashMap<>();
        tables.forEach((path, table) -> {
            if (!path.equals(MAIN_TABLE_PATH) && childColumns.containsKey(path)) {
                children.put(path, new TableLayout(table, childColumns.get(path), Map.of()));
            }
        });
        return new TableLayout(main, mainColumns, children);
    }

    void registerTable(String formKey, String path, String tableName) {
        boolean known = dsl.fetch("select 1 from form_table where form_key = ? and field_path = ?", formKey, path)
                .isNotEmpty();
        if (!known) {
            dsl.execute("insert into form_table (form_key, field_path, table_name) values (?, ?, ?)",
                    formKey, path, tableName);
        }
    }

    void addColumn(String formKey, ColumnEntry entry, OffsetDateTime now) {
        dsl.execute("insert into form_column (form_key, field_path, column_name, field_type, sql_type, active, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                formKey, entry.fieldPath(), entry.columnName(), entry.fieldType(), entry.sqlType(), entry.active(), timestamp(now));
    }

    void setActive(String formKey, String fieldPath, String columnName, boolean active) {
        dsl.execute("update form_column set active = ? where form_key = ? and field_path = ? and column_name = ?",
                active, formKey, fieldPath, columnName);
    }
}
