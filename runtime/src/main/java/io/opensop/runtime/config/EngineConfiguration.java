package io.opensop.runtime.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opensop.engine.EngineServices;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordSaveHook;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.OrgChartAccessPolicy;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.LoginThrottle;
import io.opensop.engine.user.UserDirectory;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the engine into the application: one jOOQ context, the shared transactions, one clock. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** Requests are read exactly like the engine reads metadata: decimals exact, unknown properties refused. */
    @Bean
    @Primary
    ObjectMapper objectMapper() {
        return Json.configure(new ObjectMapper());
    }

    @Bean
    @ConditionalOnMissingBean
    AccessPolicy accessPolicy(DSLContext dsl, Clock clock) {
        return new OrgChartAccessPolicy(new UserDirectory(dsl, clock));
    }

    @Bean
    EngineServices engineServices(DSLContext dsl, PlatformTransactionManager transactionManager, Clock clock,
                                  AccessPolicy policy, ApplicationEventPublisher publisher,
                                  List<RecordSaveHook> hooks,
                                  @Value("${opensop.business-zone:Asia/Shanghai}") String businessZone) {
        return new EngineServices(dsl, new TransactionTemplate(transactionManager), clock, ZoneId.of(businessZone),
                policy, publisher::publishEvent, hooks);
    }

    @Bean
    FormService formDefinitionService(EngineServices engine) {
        return engine.forms();
    }

    @Bean
    RecordService recordService(EngineServices engine) {
        return engine.records();
    }

    @Bean
    UserDirectory userDirectory(EngineServices engine) {
        return engine.users();
    }

    @Bean
    LoginThrottle loginThrottle(DSLContext dsl, Clock clock,
                                @Value("${opensop.login.max-failures:5}") int maxFailures,
                                @Value("${opensop.login.lockout:PT15M}") java.time.Duration lockout) {
        return new LoginThrottle(dsl, clock, maxFailures, lockout);
    }

    @Bean
    io.opensop.engine.listview.SavedViewService savedViewService(EngineServices engine) {
        return engine.savedViews();
    }

    @Bean
    AttachmentStore attachmentStore(EngineServices engine) {
        return engine.attachments();
    }
}
