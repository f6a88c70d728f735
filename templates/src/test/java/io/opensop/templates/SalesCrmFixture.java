package io.opensop.templates;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.MutableClock;
import io.opensop.engine.testing.SlaHarness;
import io.opensop.engine.testing.WorkflowHarness;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.workflow.ProcessModelsAdapter;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionOperations;

/**
 * One installed sales-crm for a scenario: a fresh database, the engine, the org chart (manager Wang
 * over rep1 and rep2, plus legal and finance) and the template with its sample data. Without workflow
 * the package's BPMN is only stored; with workflow Camunda runs with the SLA plugin and notifications
 * (the engine test-jar's {@link SlaHarness}), and time moves only when a test calls {@link #at}. The clock
 * starts on Monday 2026-03-02 09:00 in Shanghai.
 */
final class SalesCrmFixture implements AutoCloseable {

    final HikariDataSource dataSource;
    final EngineServices engine;
    final MutableClock clock;
    final TransactionOperations transactions;
    final Actor admin = EngineHarness.admin();
    final Actor manager;
    final Actor rep;
    final TemplateService templates;
    final org.jooq.DSLContext dsl;
    /** Null without workflow. */
    final WorkflowHarness harness;
    /** Null without workflow. */
    final NotificationService notifications;
    /** Null without workflow. */
    private final SlaHarness sla;
    private final EngineHarness plain;

    private SalesCrmFixture(HikariDataSource dataSource, boolean withWorkflow, TemplatePackage installed) {
        this.dataSource = dataSource;
        if (withWorkflow) {
            this.sla = new SlaHarness(dataSource);
            this.harness = sla.workflow;
            this.plain = harness.engine;
            this.notifications = sla.notifications;
        } else {
            this.sla = null;
            this.harness = null;
            this.notifications = null;
            this.plain = new EngineHarness(dataSource);
        }
        this.engine = plain.engine;
        this.clock = plain.clock;
        this.dsl = plain.dsl;
        this.transactions = plain.transactions;
        UserAccount wang = user("manager", "Wang", null, "sales_manager");
        this.manager = actor(wang);
        this.rep = actor(user("rep1", "Li", wang.id(), "sales_rep"));
        user("rep2", "Chen", wang.id(), "sales_rep");
        user("legal", "Zhou", null, "legal");
        user("finance", "Sun", null, "finance");
        this.templates = engine.templates(withWorkflow ? new ProcessModelsAdapter(harness.workflow.models())
                : new StoredProcessModels());
        templates.install(admin, installed, true);
    }

    /** Forms, rules and sample data only: the package's BPMN is stored, not deployed. */
    static SalesCrmFixture withoutWorkflow(HikariDataSource dataSource) {
        return new SalesCrmFixture(dataSource, false, ClasspathTemplates.load("sales-crm"));
    }

    /** Camunda with pipelines, approvals, SLA clocks and notifications. */
    static SalesCrmFixture withWorkflow(HikariDataSource dataSource) {
        return new SalesCrmFixture(dataSource, true, ClasspathTemplates.load("sales-crm"));
    }

    /** Like {@link #withWorkflow} with an older release of the package installed, to upgrade it. */
    static SalesCrmFixture withWorkflowAndRelease(HikariDataSource dataSource, TemplatePackage release) {
        return new SalesCrmFixture(dataSource, true, release);
    }

    private UserAccount user(String username, String name, Long managerId, String role) {
        boolean sales = role.startsWith("sales");
        return engine.users().create(new NewUser(username, "{noop}x", name, null, "zh-CN", "Asia/Shanghai", managerId,
                sales ? "east-1" : null, sales ? "east" : null, Set.of(role)));
    }

    static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), account.roles(), Locale.SIMPLIFIED_CHINESE,
                EngineHarness.SHANGHAI);
    }

    Actor actor(String username) {
        return actor(engine.users().byUsername(username).orElseThrow());
    }

    /** A customer with its seven key fields. */
    static Map<String, Object> completeCustomer(String name) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("customer_type", "smb");
        values.put("industry", "retail");
        values.put("region", "north");
        values.put("budget_range", "lt100k");
        values.put("decision_role", "user");
        values.put("source", "website");
        values.put("key_contact_phone", "+86 10 5555 0000");
        return values;
    }

    long customer(String name) {
        return engine.records().create(rep, "customer", completeCustomer(name)).id();
    }

    /**
     * Moves the engine clock (and, with workflow, Camunda's) to a local date-time in Shanghai and runs
     * every due job; returns how many ran.
     */
    int at(String localDateTime) {
        if (sla == null) {
            clock.set(LocalDateTime.parse(localDateTime).atZone(EngineHarness.SHANGHAI).toInstant());
            return 0;
        }
        return sla.at(localDateTime);
    }

    List<NotificationView> inbox(Actor actor, String kind, String about) {
        return sla.inbox(actor, kind, about);
    }

    @Override
    public void close() {
        if (sla != null) {
            sla.close();
        }
        dataSource.close();
    }
}
