package io.opensop.engine.rules;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class FormulaDesignToolsOnH2Test extends FormulaDesignToolsContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
