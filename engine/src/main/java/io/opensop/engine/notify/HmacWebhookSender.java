package io.opensop.engine.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs with HMAC-SHA256 over {@code timestamp + "." + body}: headers {@code X-OpenSOP-Timestamp}
 * (epoch seconds) and {@code X-OpenSOP-Signature: sha256=<hex>}. Receivers recompute and compare,
 * and refuse old timestamps to stop replays. Retries are the outbox's job (NotificationService).
 */
public final class HmacWebhookSender implements WebhookSender {

    public static final String TIMESTAMP_HEADER = "X-OpenSOP-Timestamp";
    public static final String SIGNATURE_HEADER = "X-OpenSOP-Signature";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Clock clock;

    public HmacWebhookSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String post(String url, String secret, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (secret != null && !secret.isEmpty()) {
            String timestamp = String.valueOf(clock.instant().getEpochSecond());
            request.header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + json)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
