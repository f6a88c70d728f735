package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesCrmWorkflowOnH2Test extends SalesCrmWorkflowScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
