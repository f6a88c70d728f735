package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SalesCrmWorkflowOnPostgresTest extends SalesCrmWorkflowScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
