package io.opensop.runtime.api;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Closed after the class, while the embedded server still runs, so shutdown waits for nothing. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TransferApiOnPostgresTest extends TransferApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresApp.register(registry);
    }
}
