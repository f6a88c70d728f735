package io.opensop.engine.rules;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class FormulaRulesOnH2Test extends FormulaRulesContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
