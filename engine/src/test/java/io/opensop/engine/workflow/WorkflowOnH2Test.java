package io.opensop.engine.workflow;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class WorkflowOnH2Test extends WorkflowContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
