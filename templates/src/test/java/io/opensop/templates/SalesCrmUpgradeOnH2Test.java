package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesCrmUpgradeOnH2Test extends SalesCrmUpgradeScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
