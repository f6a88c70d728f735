package io.opensop.engine.listview;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.TestDatabases;

class SavedViewOnPostgresTest extends SavedViewContract {

    @Override
    protected HikariDataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
