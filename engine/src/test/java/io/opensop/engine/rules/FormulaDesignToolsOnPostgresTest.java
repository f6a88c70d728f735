package io.opensop.engine.rules;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class FormulaDesignToolsOnPostgresTest extends FormulaDesignToolsContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
