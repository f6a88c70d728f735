package io.opensop.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class ExpenseApprovalOnPostgresTest extends ExpenseApprovalScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
