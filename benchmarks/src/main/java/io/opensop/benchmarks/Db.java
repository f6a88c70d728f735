package io.opensop.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;

/** A fresh database with the engine wired on it the way the engine's own tests wire it. */
final class Db implements AutoCloseable {

    final String name;
    final HikariDataSource dataSource;
    final EngineHarness harness;

    private Db(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
        this.harness = new EngineHarness(dataSource);
    }

    static Db h2() {
        return new Db("H2", TestDatabases.h2());
    }

    static Db postgres() {
        return new Db("PostgreSQL", TestDatabases.postgres());
    }

    boolean isPostgres() {
        return name.equals("PostgreSQL");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
