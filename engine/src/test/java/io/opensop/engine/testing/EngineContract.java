package io.opensop.engine.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.security.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A contract suite that runs unchanged on every supported database: each test gets the engine on a new
 * database, and a subclass per database ({@code …OnH2Test}, {@code …OnPostgresTest}) only says which.
 * Suites add their own set-up in a {@code @BeforeEach} of their own, which runs after this one.
 */
public abstract class EngineContract {

    protected HikariDataSource dataSource;
    protected EngineHarness harness;
    protected EngineServices engine;
    protected final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    protected void openEngineOnANewDatabase() {
        dataSource = newDatabase();
        harness = new EngineHarness(dataSource);
        engine = harness.engine;
    }

    @AfterEach
    protected void closeTheDatabase() {
        dataSource.close();
    }
}
