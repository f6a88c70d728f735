package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesDemoGeneratorOnH2Test extends SalesDemoGeneratorScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
