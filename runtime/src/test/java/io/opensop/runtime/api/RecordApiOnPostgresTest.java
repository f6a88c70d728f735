package io.opensop.runtime.api;

import io.opensop.engine.testing.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Closed after the class, while the embedded server still runs, so shutdown waits for nothing. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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
