package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesDemoGeneratorOnPostgresTest extends SalesDemoGeneratorScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
