package io.opensop.engine.security;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class ReadThroughAccessOnPostgresTest extends ReadThroughAccessContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
