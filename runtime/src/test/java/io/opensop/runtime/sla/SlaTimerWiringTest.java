package io.opensop.runtime.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.sla.WeeklyReports;
import io.opensop.engine.testing.MutableClock;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application as wired: a record save starts an SLA clock through the event listener, the
 * starter's Camunda engine carries the SLA plugin, the due timer job notifies the manager once, and
 * the weekly report's timer-start process is deployed at start-up.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:sla_wiring;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class SlaTimerWiringTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    UserDirectory users;
    @Autowired
    FormService forms;
    @Autowired
    RecordService records;
    @Autowired
    NotificationService notifications;
    @Autowired
    ManagementService management;

    @AfterEach
    void resetTime() {
        ClockUtil.reset();
    }

    private int runDueJobs() {
        int ran = 0;
        for (Job job : management.createJobQuery().executable().list()) {
            management.executeJob(job.getId());
            ran++;
        }
        return ran;
    }

    @Test
    void aRecordClockFiresOnceFromTheStartersJobTable() {
        ClockUtil.setCurrentTime(Date.from(CLOCK.instant()));
        UserAccount boss = users.create(new NewUser("wboss", "x", "Boss", null, "en", "Asia/Shanghai", null, null,
                null, Set.of("manager")));
        UserAccount rep = users.create(new NewUser("wrep", "x", "Rep", null, "zh-CN", "Asia/Shanghai", boss.id(),
                null, null, Set.of("sales")));
        forms.create(Actor.system(), FormJson.read("""
                {"key":"ticket","app":"crm","label":{"en":"Ticket"},"titleField":"title",
                 "fields":[{"key":"title","type":"text","label":{"en":"Title"},"required":true}],
                 "sla":[{"key":"answer","start":"record","steps":[{"after":"PT4H","notify":["manager"]}]}]}
                """));
        forms.publish(Actor.system(), "ticket", false);
        Actor repActor = new Actor(rep.id(), "wrep", Set.of("sales"), Locale.SIMPLIFIED_CHINESE,
                ZoneId.of("Asia/Shanghai"));
        FormRecord ticket = records.create(repActor, "ticket", Map.of("title", "Printer on fire"));
        Actor bossActor = new Actor(boss.id(), "wboss", Set.of("manager"), Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));

        assertThat(management.createJobQuery().count()).isGreaterThanOrEqualTo(2);
        assertThat(management.createJobQuery().processDefinitionKey(WeeklyReports.PROCESS_KEY).count()).isEqualTo(1);

        CLOCK.advance(Duration.ofHours(4).minusMinutes(1));
        ClockUtil.setCurrentTime(Date.from(CLOCK.instant()));
        assertThat(runDueJobs()).isZero();
        CLOCK.advance(Duration.ofMinutes(1));
        ClockUtil.setCurrentTime(Date.from(CLOCK.instant()));
        assertThat(runDueJobs()).isEqualTo(1);
        assertThat(runDueJobs()).isZero();
        assertThat(notifications.inbox(bossActor, false, 10)).hasSize(1)
                .allSatisfy(n -> {
                    assertThat(n.title()).isEqualTo("Reminder: Printer on fire (Ticket)");
                    assertThat(n.recordId()).isEqualTo(ticket.id());
                });
    }
}
