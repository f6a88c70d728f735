package io.opensop.engine.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The indexes a table really has, read from the database catalog through JDBC metadata (H2 and PostgreSQL). */
public final class IndexCatalog {

    private IndexCatalog() {
    }

    /** Each index of the table by name, as its columns with their direction, e.g. {@code [c_amount D, id A]}. */
    public static Map<String, List<String>> indexes(DataSource dataSource, String table) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (column != null) {
                    byName.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new ArrayList<>())
                            .add(column + " " + rs.getString("ASC_OR_DESC"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return byName;
    }

    /** The indexes of the table whose first column is {@code column}. */
    public static Map<String, List<String>> indexesOn(DataSource dataSource, String table, String column) {
        Map<String, List<String>> on = new LinkedHashMap<>();
        indexes(dataSource, table).forEach((name, columns) -> {
            if (columns.get(0).startsWith(column + " ")) {
                on.put(name, columns);
            }
        });
        return on;
    }
}
