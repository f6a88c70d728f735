package io.opensop.engine.template;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class TemplateLifecycleOnH2Test extends TemplateLifecycleContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
