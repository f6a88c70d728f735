package io.opensop.engine.template;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class TemplateLifecycleOnPostgresTest extends TemplateLifecycleContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
