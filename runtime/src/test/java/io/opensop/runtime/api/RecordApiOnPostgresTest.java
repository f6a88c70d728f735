package io.opensop.runtime.api;

import io.opensop.engine.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RecordApiOnPostgresTest extends RecordApiContract {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", RecordApiOnPostgresTest::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.jooq.sql-dialect", () -> "POSTGRES");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.postgresUrl();
        }
        return url;
    }
}
