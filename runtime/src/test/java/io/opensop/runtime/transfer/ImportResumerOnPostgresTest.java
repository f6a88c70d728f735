package io.opensop.runtime.transfer;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class ImportResumerOnPostgresTest extends ImportResumerContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
