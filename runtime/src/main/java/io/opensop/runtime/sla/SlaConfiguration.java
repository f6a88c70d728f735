package io.opensop.runtime.sla;

import io.opensop.engine.EngineServices;
import io.opensop.engine.notify.EmailChannel;
import io.opensop.engine.notify.HmacWebhookSender;
import io.opensop.engine.notify.NotificationChannel;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.RobotChannels;
import io.opensop.engine.notify.WebhookChannel;
import io.opensop.engine.record.RecordChanged;
import io.opensop.engine.sla.SlaEnginePlugin;
import io.opensop.engine.sla.SlaServices;
import io.opensop.engine.workflow.camundaforms.CamundaFormsImporter;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.workflow.ProcessModelService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.ProcessEngine;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires SLA clocks, notifications and the weekly report. The SLA engine plugin is a
 * ProcessEnginePlugin bean, so the Camunda starter applies it; timer jobs then run on Camunda's
 * job executor (one node fires each job). Record changes reach the clocks inside the saving
 * transaction; notification deliveries leave after commit on a small pool, and failed ones are
 * retried every {@code opensop.notify.retry-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SlaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SlaConfiguration.class);

    @Bean
    SlaEnginePlugin opensopSlaPlugin() {
        return SlaServices.plugin();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService notificationDeliveryPool() {
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "opensop-notify");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    NotificationService notificationService(DSLContext dsl, PlatformTransactionManager transactionManager,
                                            EngineServices engine, Clock clock, Environment env,
                                            ExecutorService notificationDeliveryPool) {
        HmacWebhookSender sender = new HmacWebhookSender(clock);
        List<NotificationChannel> channels = new ArrayList<>(List.of(new WebhookChannel(sender),
                new RobotChannels.DingTalk(sender, clock), new RobotChannels.WeCom(sender)));
        String host = env.getProperty("opensop.notify.mail.host", "");
        if (!host.isBlank()) {
            channels.add(new EmailChannel(new EmailChannel.Settings(host,
                    env.getProperty("opensop.notify.mail.port", Integer.class, 25),
                    env.getProperty("opensop.notify.mail.from", "opensop@localhost"),
                    env.getProperty("opensop.notify.mail.username"), env.getProperty("opensop.notify.mail.password"),
                    env.getProperty("opensop.notify.mail.starttls", Boolean.class, false))));
        }
        return new NotificationService(dsl, transactionManager, engine.users(), clock, channels,
                notificationDeliveryPool);
    }

    @Bean
    SlaServices slaServices(EngineServices engine, ProcessEngine processEngine, DSLContext dsl,
                            PlatformTransactionManager transactionManager, Clock clock,
                            @Value("${opensop.business-zone:Asia/Shanghai}") String businessZone,
                            SlaEnginePlugin opensopSlaPlugin, NotificationService notificationService) {
        return new SlaServices(engine, processEngine, dsl, new TransactionTemplate(transactionManager), clock,
                ZoneId.of(businessZone), opensopSlaPlugin, notificationService);
    }

    @Bean
    CamundaFormsImporter camundaFormsImporter(FormService forms, ProcessModelService models) {
        return new CamundaFormsImporter(forms, models);
    }

    @Bean
    SlaEvents slaEvents(SlaServices sla, NotificationService notifications, Environment env) {
        return new SlaEvents(sla, notifications, env);
    }

    /** Event and schedule glue, kept apart from the bean methods. */
    public static class SlaEvents {

        private final SlaServices sla;
        private final NotificationService notifications;
        private final Environment env;

        SlaEvents(SlaServices sla, NotificationService notifications, Environment env) {
            this.sla = sla;
            this.notifications = notifications;
            this.env = env;
        }

        /** Synchronous, so clocks start, reset and stop in the saving transaction. */
        @EventListener
        public void onRecordChanged(RecordChanged change) {
            sla.onEvent(change);
        }

        @EventListener(ApplicationReadyEvent.class)
        public void deployWeeklyReport() {
            if (!env.getProperty("opensop.reports.weekly.enabled", Boolean.class, true)) {
                return;
            }
            DayOfWeek day = DayOfWeek.valueOf(env.getProperty("opensop.reports.weekly.day", "FRIDAY")
                    .toUpperCase(Locale.ROOT));
            LocalTime time = LocalTime.parse(env.getProperty("opensop.reports.weekly.time", "16:00"));
            sla.reports().deploy(day, time);
            LOG.info("weekly process-health report every {} at {}", day, time);
        }

        @Scheduled(fixedDelayString = "${opensop.notify.retry-interval:PT1M}",
                initialDelayString = "${opensop.notify.retry-interval:PT1M}")
        public void retryDeliveries() {
            notifications.retryDue();
        }
    }
}
