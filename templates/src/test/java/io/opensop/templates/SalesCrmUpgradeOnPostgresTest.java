package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesCrmUpgradeOnPostgresTest extends SalesCrmUpgradeScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
