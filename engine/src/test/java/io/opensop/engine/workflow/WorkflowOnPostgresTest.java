package io.opensop.engine.workflow;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class WorkflowOnPostgresTest extends WorkflowContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
