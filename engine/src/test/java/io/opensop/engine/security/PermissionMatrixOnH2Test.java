package io.opensop.engine.security;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class PermissionMatrixOnH2Test extends PermissionMatrixContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.h2();
    }
}
