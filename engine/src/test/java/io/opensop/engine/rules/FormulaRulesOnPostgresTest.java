package io.opensop.engine.rules;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class FormulaRulesOnPostgresTest extends FormulaRulesContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
