package io.opensop.engine.sla;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.notify.NotificationChannel;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The engine, Camunda with the SLA plugin, notifications (inbox plus the given channels, delivered on
 * the committing thread) and three people: rep reports to mia, who reports to dan. Time moves only
 * when a test says so; due Camunda jobs run only when a test runs them.
 */
final class SlaFixture implements AutoCloseable {

    final HikariDataSource dataSource;
    final WorkflowHarness harness;
    final EngineServices engine;
    final NotificationService notifications;
    final SlaServices sla;
    final Actor rep;
    final Actor mia;
    final Actor dan;
    final Actor admin = EngineHarness.admin();
    static final java.time.ZoneId ZONE = EngineHarness.SHANGHAI;

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    SlaFixture(List<NotificationChannel> channels) {
        this(TestDatabases.h2(), channels);
    }

    SlaFixture(HikariDataSource dataSource, List<NotificationChannel> channels) {
        this.dataSource = dataSource;
        SlaEnginePlugin plugin = SlaServices.plugin();
        this.harness = new WorkflowHarness(dataSource, Set.of(), List.of(plugin));
        this.engine = harness.engine.engine;
        this.notifications = new NotificationService(harness.engine.dsl,
                (PlatformTransactionManager) harness.engine.transactions.getTransactionManager(), engine.users(),
                harness.engine.clock, channels, Runnable::run);
        this.sla = new SlaServices(engine, harness.camunda, harness.engine.dsl, harness.engine.transactions,
                harness.engine.clock, EngineHarness.SHANGHAI, plugin, notifications);
        harness.engine.listeners.add(sla::onEvent);
        UserAccount d = user("dan", null, "zh-CN", "director");
        UserAccount m = user("mia", d.id(), "en", "manager");
        UserAccount r = user("rep", m.id(), "zh-CN", "sales");
        this.dan = actor(d);
        this.mia = actor(m);
        this.rep = actor(r);
    }

    private UserAccount user(String name, Long manager, String locale, String role) {
        return engine.users().create(new NewUser(name, "x", name.toUpperCase(Locale.ROOT), name + "@example.test",
                locale, "Asia/Shanghai", manager, null, null, Set.of(role)));
    }

    private static Actor actor(UserAccount user) {
        return new Actor(user.id(), user.username(), user.roles(), Locale.forLanguageTag(user.locale()),
                EngineHarness.SHANGHAI);
    }

    /** Moves both clocks to a local date-time in Shanghai and runs every job that is due; returns how many ran. */
    int at(String localDateTime) {
        return harness.at(localDateTime);
    }

    int runDueJobs() {
        return harness.runDueJobs();
    }

    List<NotificationView> inbox(Actor actor, String kind) {
        return notifications.inbox(actor, false, 200).stream().filter(n -> kind == null || n.kind().equals(kind))
                .toList();
    }

    List<NotificationView> inbox(Actor actor, String kind, String text) {
        return inbox(actor, kind).stream().filter(n -> n.body().contains(text)).toList();
    }

    @Override
    public void close() {
        harness.close();
        dataSource.close();
    }
}
