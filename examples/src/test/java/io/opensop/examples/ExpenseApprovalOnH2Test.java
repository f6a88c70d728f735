package io.opensop.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class ExpenseApprovalOnH2Test extends ExpenseApprovalScenarios {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
