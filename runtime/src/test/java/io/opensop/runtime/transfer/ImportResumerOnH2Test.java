package io.opensop.runtime.transfer;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class ImportResumerOnH2Test extends ImportResumerContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
