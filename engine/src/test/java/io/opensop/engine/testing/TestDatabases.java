package io.opensop.engine.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh, empty databases for tests: an H2 in-memory database, or a new database on one real
 * PostgreSQL 16 server that starts inside the test JVM the first time it is asked for.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static HikariDataSource h2() {
        return pool("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    public static HikariDataSource postgres() {
        EmbeddedPostgres server = postgresServer();
        String name = "t" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pool(server.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /** The JDBC URL of a new PostgreSQL database, for tests that start a whole application. */
    public static String postgresUrl() {
        try (HikariDataSource ds = postgres()) {
            return ds.getJdbcUrl();
        }
    }

    public static synchronized EmbeddedPostgres postgresServer() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
        }
        return postgres;
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /** The columns (lower case) that some index of {@code table} covers, read from the JDBC metadata. */
    public static java.util.Set<String> indexedColumns(DataSource dataSource, String table) {
        java.util.Set<String> columns = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection();
             java.sql.ResultSet indexes = c.getMetaData().getIndexInfo(null, null, table, false, true)) {
            while (indexes.next()) {
                String column = indexes.getString("COLUMN_NAME");
                if (column != null) {
                    columns.add(column.toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }

    public static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
