package io.opensop.runtime.api;

import io.opensop.engine.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Runs a test's whole application on its own embedded PostgreSQL database, created on first use. */
final class PostgresApp {

    private PostgresApp() {
    }

    static void register(DynamicPropertyRegistry registry) {
        String[] url = new String[1];
        registry.add("spring.datasource.url", () -> {
            synchronized (url) {
                if (url[0] == null) {
                    url[0] = TestDatabases.postgresUrl();
                }
                return url[0];
            }
        });
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.jooq.sql-dialect", () -> "POSTGRES");
    }
}
