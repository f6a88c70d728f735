package io.opensop.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a real HTTP server on 127.0.0.1: signature, retry with backoff, outbox semantics. */
class WebhookTest {

    record Received(Map<String, String> headers, byte[] body) {
    }

    private HikariDataSource dataSource;
    private EngineHarness harness;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private Actor admin;
    private Actor rep;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.of("signature", exchange.getRequestHeaders().getFirst(Signatures.HEADER),
                    "event", exchange.getRequestHeaders().getFirst("X-OpenSOP-Event")), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        dataSource = TestDatabases.h2();
        harness = new EngineHarness(dataSource);
        harness.engine.webhooks().allowPrivateAddresses(true); // the receiver listens on 127.0.0.1
        admin = actor(user("boss", "admin"));
        rep = actor(user("rep", "sales_rep"));
        harness.engine.forms().create(admin, FormJson.read("""
                {"key":"deal","label":{"en":"Deal"},
                 "fields":[{"key":"name","type":"text","label":{"en":"Name"}},
                           {"key":"cost","type":"money","label":{"en":"Cost"}}],
                 "permissions":{"create":["sales_rep"],"read":["sales_rep"],"update":["sales_rep"]},
                 "access":{"rowScopes":{"sales_rep":"all"},"fields":{"sales_rep":{"cost":"hidden"}}}}
                """));
        harness.engine.forms().publish(admin, "deal", false);
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        dataSource.close();
    }

    private UserAccount user(String name, String role) {
        return harness.engine.users().create(new NewUser(name, "{noop}x", name, null, "en", "Asia/Shanghai", null,
                null, null, Set.of(role)));
    }

    private static Actor actor(UserAccount a) {
        return new Actor(a.id(), a.username(), a.roles(), Locale.ENGLISH, ZoneId.of("Asia/Shanghai"));
    }

    private WebhookSubscription subscribe(Actor owner) {
        // the owner is the designer who creates it; here an admin creates it on behalf of a rep-level view
        return harness.engine.webhooks().create(owner, "deal", new WebhookInput("CRM sync", url,
                Set.of("record.created", "record.updated"), "0123456789abcdef-secret", true));
    }

    @Test
    void signedPayloadShowsTheRecordAsTheOwnerSeesIt() throws Exception {
        WebhookSubscription subscription = subscribe(admin);
        // make the owner a rep: the payload must follow the rep's field access
        harness.dsl.execute("update webhook_subscription set owner = ? where id = ?", "rep", subscription.id());
        harness.engine.records().create(admin, "deal", Map.of("name", "Alpha", "cost", "1"));
        assertThat(received).isEmpty(); // nothing is sent inside the save
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isEqualTo(1);

        assertThat(received).hasSize(1);
        Received hit = received.get(0);
        assertThat(Signatures.verify(subscription.secret(), hit.body(), hit.headers().get("signature"))).isTrue();
        assertThat(Signatures.verify("another-secret-entirely", hit.body(), hit.headers().get("signature"))).isFalse();
        assertThat(hit.headers().get("event")).isEqualTo("record.created");
        JsonNode body = Json.mapper().readTree(hit.body());
        assertThat(body.get("record").get("values").get("name").asText()).isEqualTo("Alpha");
        assertThat(body.get("record").get("values").has("cost")).isFalse();
        assertThat(harness.engine.webhooks().deliveries(admin, subscription.id(), 10)).singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(WebhookDelivery.DELIVERED);
                    assertThat(d.lastStatusCode()).isEqualTo(204);
                });
    }

    @Test
    void failedAttemptsAreRetriedWithExponentialBackoffFromTheClock() {
        WebhookSubscription subscription = subscribe(admin);
        failuresLeft.set(2);
        harness.engine.records().create(rep, "deal", Map.of("name", "Beta"));
        var start = harness.clock.instant();

        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isEqualTo(1); // 500
        WebhookDelivery delivery = harness.engine.webhooks().deliveries(admin, subscription.id(), 1).get(0);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.PENDING);
        assertThat(delivery.lastStatusCode()).isEqualTo(500);
        assertThat(delivery.nextAttemptAt().toInstant()).isEqualTo(start.plus(Duration.ofSeconds(30)));

        harness.clock.advance(Duration.ofSeconds(29));
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isZero(); // not due yet
        harness.clock.advance(Duration.ofSeconds(1));
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isEqualTo(1); // 500 again
        delivery = harness.engine.webhooks().deliveries(admin, subscription.id(), 1).get(0);
        assertThat(delivery.nextAttemptAt().toInstant()).isEqualTo(start.plus(Duration.ofSeconds(30 + 60)));

        harness.clock.advance(Duration.ofSeconds(60));
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isEqualTo(1); // 204
        delivery = harness.engine.webhooks().deliveries(admin, subscription.id(), 1).get(0);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(harness.engine.webhooks().attempts(admin, subscription.id(), delivery.id()))
                .extracting(WebhookAttempt::statusCode).containsExactly(500, 500, 204);
        assertThat(received).hasSize(3);
        assertThat(received.get(0).body()).isEqualTo(received.get(2).body()); // the same signed body each time
    }

    @Test
    void aRolledBackSaveSendsNothing() {
        subscribe(admin);
        try {
            harness.transactions.executeWithoutResult(status -> {
                harness.engine.records().create(rep, "deal", Map.of("name", "Gamma"));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the save and its outbox row are gone together
        }
        harness.clock.advance(Duration.ofDays(1));
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void sendTestPostsAtOnceAndLogsTheOutcome() {
        WebhookSubscription subscription = subscribe(admin);
        WebhookDelivery ok = harness.engine.webhooks().sendTest(admin, subscription.id());
        assertThat(ok.status()).isEqualTo(WebhookDelivery.DELIVERED);
        assertThat(received).singleElement().satisfies(r -> assertThat(r.headers().get("event"))
                .isEqualTo("webhook.test"));
        failuresLeft.set(1);
        WebhookDelivery failed = harness.engine.webhooks().sendTest(admin, subscription.id());
        assertThat(failed.status()).isEqualTo(WebhookDelivery.FAILED);
        assertThat(failed.lastStatusCode()).isEqualTo(500);
        assertThat(harness.engine.webhooks().list(admin, "deal").get(0).secret()).startsWith("****");
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowedAndCheckedAgainWhenSending() {
        WebhookSubscription subscription = subscribe(admin);
        harness.engine.webhooks().allowPrivateAddresses(false);

        assertThatThrownBy(() -> subscribe(admin)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.code()).isEqualTo("private_address")));
        harness.engine.records().create(admin, "deal", Map.of("name", "Alpha"));
        assertThat(harness.engine.webhooks().deliverDue(harness.clock.instant())).isEqualTo(1);

        assertThat(received).as("the send-time check stops a subscription saved earlier").isEmpty();
        assertThat(harness.engine.webhooks().deliveries(admin, subscription.id(), 1).get(0).lastError())
                .startsWith("refused: 127.0.0.1");
    }
}
