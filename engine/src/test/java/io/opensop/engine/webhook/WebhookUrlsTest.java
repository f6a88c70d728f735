package io.opensop.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The server-side request forgery guard: literal addresses only, so no DNS is needed. */
class WebhookUrlsTest {

    @Test
    void localAndPrivateAddressesAreRefused() {
        for (String url : new String[] {"http://127.0.0.1:8080/x", "http://127.1.2.3/", "http://[::1]/",
                "http://10.0.0.5/", "http://172.16.3.4/", "http://192.168.1.1/", "http://169.254.169.254/latest",
                "http://0.0.0.0/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.1.1.1]/", "http://224.0.0.1/"}) {
            assertThat(WebhookUrls.refusal(URI.create(url), false)).as(url).isPresent();
        }
    }

    @Test
    void publicAddressesPassAndThePropertyAllowsPrivateOnes() {
        for (String url : new String[] {"https://93.184.216.34/hook", "http://8.8.8.8/", "http://172.32.0.1/",
                "http://100.128.0.1/", "http://[2606:4700::1111]/"}) {
            assertThat(WebhookUrls.refusal(URI.create(url), false)).as(url).isEmpty();
        }
        assertThat(WebhookUrls.refusal(URI.create("http://127.0.0.1/"), true)).isEmpty();
    }
}
