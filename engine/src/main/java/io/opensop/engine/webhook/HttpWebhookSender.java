package io.opensop.engine.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link WebhookSender} over the JDK's HTTP client: no redirects followed, bounded timeouts, body discarded. */
public final class HttpWebhookSender implements WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    public HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public SendResult send(OutboundRequest request) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            return new SendResult(response.statusCode(), null, elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(null, "interrupted", elapsed(start));
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new SendResult(null, message, elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
