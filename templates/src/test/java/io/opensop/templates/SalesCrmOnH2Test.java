package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesCrmOnH2Test extends SalesCrmScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
