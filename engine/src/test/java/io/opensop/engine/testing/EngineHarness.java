package io.opensop.engine.testing;

import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.OrgChartAccessPolicy;
import io.opensop.engine.user.UserDirectory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/** The engine wired on one database the way the runtime wires it, with a movable clock. */
public final class EngineHarness {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public final DataSource dataSource;
    public final DSLContext dsl;
    public final TransactionTemplate transactions;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"), SHANGHAI);
    public final List<Object> events = new CopyOnWriteArrayList<>();
    /** Called with every event inside the publishing transaction, as the runtime's listeners are. */
    public final List<java.util.function.Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
    public final EngineServices engine;

    public EngineHarness(DataSource dataSource) {
        this(dataSource, List.of());
    }

    public EngineHarness(DataSource dataSource, List<RecordSaveHook> hooks) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).load().migrate();
        SQLDialect dialect = TestDatabases.isPostgres(dataSource) ? SQLDialect.POSTGRES : SQLDialect.H2;
        this.dsl = DSL.using(new DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)))
                .set(dialect));
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.engine = new EngineServices(dsl, transactions, clock, SHANGHAI,
                new OrgChartAccessPolicy(new UserDirectory(dsl, clock)), event -> {
                    events.add(event);
                    listeners.forEach(listener -> listener.accept(event));
                }, hooks);
    }

    /** Saves the definition as its form's draft, as admin, creating the form the first time. */
    public void saveDraft(FormDefinition definition) {
        if (engine.forms().exists(definition.key())) {
            FormDraft draft = engine.forms().draft(admin(), definition.key());
            engine.forms().updateDraft(admin(), definition.key(), draft.draftRevision(), definition);
        } else {
            engine.forms().create(admin(), definition);
        }
    }

    /** Saves the definition as its form's draft and publishes it, as admin. */
    public PublishResult publish(FormDefinition definition) {
        saveDraft(definition);
        return engine.forms().publish(admin(), definition.key(), false);
    }

    public static Actor admin() {
        return new Actor(null, "admin", Set.of(Actor.ADMIN), Locale.ENGLISH, SHANGHAI);
    }

    public static Actor user(long id, String name, String... roles) {
        return new Actor(id, name, Set.of(roles), Locale.SIMPLIFIED_CHINESE, SHANGHAI);
    }
}
