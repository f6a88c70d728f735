package io.opensop.runtime.webhook;

import io.opensop.engine.EngineServices;
import io.opensop.engine.webhook.WebhookService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Webhooks: the engine's service (private and loopback targets refused unless
 * {@code opensop.webhooks.allow-private=true}) and the outbox poller, which sends due deliveries every
 * {@code opensop.webhooks.poll} (default PT10S) with the injected clock's time. Several nodes may poll:
 * the engine leases each delivery to one of them. {@code opensop.webhooks.poll-enabled=false} stops it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class WebhookConfiguration {

    @Bean
    WebhookService webhookService(EngineServices engine,
                                  @Value("${opensop.webhooks.allow-private:false}") boolean allowPrivate) {
        WebhookService webhooks = engine.webhooks();
        webhooks.allowPrivateAddresses(allowPrivate);
        return webhooks;
    }

    @Bean
    WebhookPoller webhookPoller(WebhookService webhooks, Clock clock,
                                @Value("${opensop.webhooks.poll-enabled:true}") boolean enabled) {
        return new WebhookPoller(webhooks, clock, enabled);
    }

    /** Sends due webhook deliveries. */
    public static class WebhookPoller {

        private static final Logger LOG = LoggerFactory.getLogger(WebhookPoller.class);

        private final WebhookService webhooks;
        private final Clock clock;
        private final boolean enabled;

        WebhookPoller(WebhookService webhooks, Clock clock, boolean enabled) {
            this.webhooks = webhooks;
            this.clock = clock;
            this.enabled = enabled;
        }

        @Scheduled(fixedDelayString = "${opensop.webhooks.poll:PT10S}",
                initialDelayString = "${opensop.webhooks.poll:PT10S}")
        public void poll() {
            if (!enabled) {
                return;
            }
            try {
                int sent = webhooks.deliverDue(clock.instant());
                if (sent > 0) {
                    LOG.debug("sent {} webhook deliveries", sent);
                }
            } catch (RuntimeException e) {
                LOG.warn("webhook poll failed: {}", e.toString()); // the next poll tries again
            }
        }
    }
}
