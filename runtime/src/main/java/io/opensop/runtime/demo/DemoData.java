package io.opensop.runtime.demo;

import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.template.TemplatePackage;
import io.opensop.engine.template.TemplateService;
import io.opensop.runtime.template.TemplateCatalog;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.EngineServices;
import io.opensop.templates.demo.DemoCounts;
import io.opensop.templates.demo.DemoSettings;
import io.opensop.templates.demo.SalesDemoGenerator;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Demo users, sample records and every shipped template with its sample data, only with {@code opensop.demo.enabled=true} (the demo profile).
 * Idempotent: a restart finds them and adds nothing. Every demo password is {@code demo}.
 */
@Component
@ConditionalOnProperty(name = "opensop.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserDirectory users;
    private final FormService forms;
    private final RecordService records;
    private final PasswordEncoder passwords;
    private final TemplateCatalog catalog;
    private final TemplateService templates;
    private final EngineServices engine;
    private final PlatformTransactionManager transactionManager;
    private final Environment environment;

    DemoData(UserDirectory users, FormService forms, RecordService records, PasswordEncoder passwords,
             TemplateCatalog catalog, TemplateService templates, EngineServices engine,
             PlatformTransactionManager transactionManager, Environment environment) {
        this.users = users;
        this.forms = forms;
        this.records = records;
        this.passwords = passwords;
        this.catalog = catalog;
        this.templates = templates;
        this.engine = engine;
        this.transactionManager = transactionManager;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        UserAccount director = user("director", "销售总监 Zhao", null, "hq", "east", "admin", "sales_director");
        user("admin", "Administrator", null, "hq", null, "admin");
        user("designer", "运营 Ops Designer", null, "ops", null, "designer");
        UserAccount manager = user("manager", "销售经理 Wang", director.id(), "east-1", "east", "sales_manager");
        user("rep1", "销售 Li", manager.id(), "east-1", "east", "sales_rep");
        user("rep2", "销售 Chen", manager.id(), "east-1", "east", "sales_rep");
        user("finance", "财务 Sun", null, "finance", null, "finance");
        user("legal", "法务 Zhou", null, "legal", null, "legal");
        sampleCustomers();
        for (TemplatePackage template : catalog.all()) {
            // Installing the same version again changes nothing, so a restart keeps the demo as it is;
            // a demo database made by an older build gets the shipped version by an upgrade.
            boolean older = templates.installation(template.id())
                    .filter(i -> !i.version().equals(template.version())).isPresent();
            if (older) {
                templates.upgrade(Actor.system(), template, false);
            } else {
                templates.install(Actor.system(), template, true);
            }
        }
        generateMonth();
        log.info("demo data ready: sign in as admin/demo, designer/demo, manager/demo, rep1/demo");
    }

    /**
     * A generated month of sales-crm work for {@code opensop.demo.generator.reps} reps and
     * {@code .customers} customers (last month, seed {@code .seed}); once per database.
     */
    private void generateMonth() {
        if (!environment.getProperty("opensop.demo.generator.enabled", Boolean.class, false)) {
            return;
        }
        DemoSettings settings = DemoSettings.of(environment.getProperty("opensop.demo.generator.reps", Integer.class, 8),
                environment.getProperty("opensop.demo.generator.customers", Integer.class, 200),
                YearMonth.now(engine.businessZone()).minusMonths(1),
                environment.getProperty("opensop.demo.generator.seed", Long.class, 20260301L));
        SalesDemoGenerator generator = new SalesDemoGenerator(engine, new TransactionTemplate(transactionManager),
                passwords.encode("demo"));
        if (generator.alreadyGenerated(settings)) {
            return;
        }
        // in the background, so the app is up at once and the month fills in batch by batch
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                DemoCounts counts = generator.generate(settings, 50,
                        c -> log.info("demo month: {} of {} customers", c.customers(), settings.customers()));
                log.info("demo month generated in {} ms: {} records ({}), sign in as {}rep01/demo",
                        (System.nanoTime() - started) / 1_000_000, counts.records(), counts, settings.prefix());
            } catch (RuntimeException e) {
                log.warn("demo month stopped; the batches written so far stay", e);
            }
        }, "opensop-demo-generator");
        thread.setDaemon(true);
        thread.start();
    }

    private UserAccount user(String username, String name, Long managerId, String team, String region,
                             String... roles) {
        return users.byUsername(username).orElseGet(() -> users.create(new NewUser(username,
                passwords.encode("demo"), name, username + "@demo.opensop.io", "zh-CN", "Asia/Shanghai", managerId,
                team, region, Set.of(roles))));
    }

    private void sampleCustomers() {
        if (forms.exists("demo_customer")) {
            return;
        }
        Actor system = Actor.system();
        forms.create(system, io.opensop.engine.form.FormJson.read("""
                {"key":"demo_customer","app":"demo","label":{"en":"Customer (sample)","zh-CN":"客户（示例）"},
                 "titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"客户名称"},"required":true},
                   {"key":"industry","type":"single_select","label":{"en":"Industry","zh-CN":"行业"},
                    "options":[{"key":"manufacturing","label":{"en":"Manufacturing","zh-CN":"制造业"}},
                               {"key":"retail","label":{"en":"Retail","zh-CN":"零售"}},
                               {"key":"it","label":{"en":"IT","zh-CN":"信息技术"}}]},
                   {"key":"budget","type":"money","label":{"en":"Budget","zh-CN":"预算"},"currency":"CNY"},
                   {"key":"phone","type":"text","label":{"en":"Key contact phone","zh-CN":"关键联系人电话"}}
                 ]}
                """));
        forms.publish(system, "demo_customer", false);
        records.create(system, "demo_customer", Map.of("name", "华东精密制造", "industry", "manufacturing",
                "budget", new java.math.BigDecimal("500000.00"), "phone", "+86 21 5555 0101"));
        records.create(system, "demo_customer", Map.of("name", "Blue Sky Retail", "industry", "retail",
                "budget", new java.math.BigDecimal("120000.00")));
        records.create(system, "demo_customer", Map.of("name", "云启科技", "industry", "it"));
    }
}
