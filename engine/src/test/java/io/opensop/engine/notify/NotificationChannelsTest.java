package io.opensop.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Inbox, e-mail (GreenMail SMTP on 127.0.0.1), signed webhook with retry, DingTalk and WeCom robots
 * (a local HTTP server on 127.0.0.1:0): rendered in each recipient's locale, sent only after commit.
 */
class NotificationChannelsTest {

    record Received(String path, String query, Map<String, String> headers, String body) {
    }

    private HikariDataSource dataSource;
    private EngineHarness harness;
    private GreenMail smtp;
    private HttpServer http;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger hookFailures = new AtomicInteger(1);
    private NotificationService notifications;
    private Actor rep;
    private Actor mia;
    private final Actor admin = EngineHarness.admin();

    @BeforeEach
    void start() throws IOException {
        dataSource = TestDatabases.h2();
        harness = new EngineHarness(dataSource);
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestURI().getRawQuery(), headers, body));
            int status = path.equals("/hook") && hookFailures.getAndDecrement() > 0 ? 500 : 200;
            byte[] answer = (path.equals("/hook") ? "ok" : "{\"errcode\":0,\"errmsg\":\"ok\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.start();
        HmacWebhookSender sender = new HmacWebhookSender(harness.clock);
        notifications = new NotificationService(harness.dsl,
                (PlatformTransactionManager) harness.transactions.getTransactionManager(), harness.engine.users(),
                harness.clock, List.of(
                new EmailChannel(new EmailChannel.Settings("127.0.0.1", smtp.getSmtp().getPort(), "sop@example.test",
                        null, null, false)),
                new WebhookChannel(sender), new RobotChannels.DingTalk(sender, harness.clock),
                new RobotChannels.WeCom(sender)), Runnable::run);
        UserAccount r = harness.engine.users().create(new NewUser("rep", "x", "小王", "rep@example.test", "zh-CN",
                "Asia/Shanghai", null, null, null, Set.of("sales")));
        UserAccount m = harness.engine.users().create(new NewUser("mia", "x", "Mia", "mia@example.test", "en",
                "Asia/Shanghai", null, null, null, Set.of("manager")));
        rep = EngineHarness.user(r.id(), "rep", "sales");
        mia = EngineHarness.user(m.id(), "mia", "manager");
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        notifications.saveEndpoint(admin, new NotificationChannel.Endpoint("ops-hook", "webhook", base + "/hook",
                "hook-secret", true));
        notifications.saveEndpoint(admin, new NotificationChannel.Endpoint("sales-ding", "dingtalk",
                base + "/robot/send?access_token=abc", "SECabc", true));
        notifications.saveEndpoint(admin, new NotificationChannel.Endpoint("sales-wecom", "wecom",
                base + "/cgi-bin/webhook/send?key=k1", null, true));
    }

    @AfterEach
    void stop() {
        http.stop(0);
        smtp.stop();
        dataSource.close();
    }

    private List<Long> send(Set<String> to) {
        return notifications.notify(to, "sla.reminder", "deal", 7L, locale -> new String[] {
                Templates.render(locale, "sla.reminder.title", "Deal", "ACME", "stale", "", "2026-03-05 09:00", "Rep"),
                Templates.render(locale, "sla.reminder.body", "Deal", "ACME", "stale", "", "2026-03-05 09:00", "Rep")});
    }

    @Test
    void eachChannelGetsItsOwnFormatInTheRecipientsLocaleAfterCommit() throws Exception {
        notifications.setPreferences(rep, "rep", Map.of("email", true, "ops-hook", true, "sales-ding", true,
                "sales-wecom", true));
        assertThat(notifications.preferences("rep")).containsEntry("inbox", true).containsEntry("sales-ding", true);
        assertThat(notifications.preferences("mia")).containsEntry("email", true).containsEntry("ops-hook", false);

        harness.transactions.executeWithoutResult(status -> {
            send(Set.of("rep", "mia", "nobody"));
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(received).isEmpty();
        });

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        Map<String, String> subjects = new LinkedHashMap<>();
        for (MimeMessage mail : mails) {
            subjects.put(mail.getAllRecipients()[0].toString(), mail.getSubject());
        }
        assertThat(subjects.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).contains("rep@example.test");
            assertThat(e.getValue()).isEqualTo("提醒：ACME（Deal）");
        }).anySatisfy(e -> {
            assertThat(e.getKey()).contains("mia@example.test");
            assertThat(e.getValue()).isEqualTo("Reminder: ACME (Deal)");
        });

        Received ding = only("/robot/send");
        JsonNode dingBody = Json.mapper().readTree(ding.body());
        assertThat(dingBody.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(dingBody.at("/markdown/title").asText()).isEqualTo("提醒：ACME（Deal）");
        assertThat(dingBody.at("/markdown/text").asText()).contains("stale");
        assertThat(dingBody.at("/at/isAtAll").asBoolean()).isFalse();
        Map<String, String> query = query(ding.query());
        assertThat(query.get("access_token")).isEqualTo("abc");
        String expectedSign = Base64.getEncoder().encodeToString(
                HmacWebhookSender.hmac("SECabc", query.get("timestamp") + "\n" + "SECabc"));
        assertThat(query.get("timestamp")).isEqualTo(String.valueOf(harness.clock.millis()));
        assertThat(query.get("sign")).isEqualTo(expectedSign);

        Received wecom = only("/cgi-bin/webhook/send");
        JsonNode wecomBody = Json.mapper().readTree(wecom.body());
        assertThat(wecomBody.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(wecomBody.at("/markdown/content").asText()).contains("提醒：ACME（Deal）");

        // the webhook answered 500 once: retried after the backoff, not before
        long inboxId = notifications.inbox(rep, false, 10).get(0).id();
        assertThat(notifications.deliveries(rep, inboxId)).anySatisfy(d -> {
            assertThat(d.get("channel")).isEqualTo("ops-hook");
            assertThat(d.get("status")).isEqualTo("pending");
            assertThat(d.get("attempts")).isEqualTo(1);
        });
        assertThat(notifications.retryDue()).isZero();
        harness.clock.advance(Duration.ofMinutes(1));
        assertThat(notifications.retryDue()).isEqualTo(1);
        assertThat(notifications.deliveries(rep, inboxId)).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("sent"));
        List<Received> hooks = received.stream().filter(r -> r.path().equals("/hook")).toList();
        assertThat(hooks).hasSize(2);
        Received hook = hooks.get(1);
        String timestamp = hook.headers().get("x-opensop-timestamp");
        assertThat(hook.headers().get("x-opensop-signature")).isEqualTo("sha256="
                + HexFormat.of().formatHex(HmacWebhookSender.hmac("hook-secret", timestamp + "." + hook.body())));
        JsonNode hookBody = Json.mapper().readTree(hook.body());
        assertThat(hookBody.get("user").asText()).isEqualTo("rep");
        assertThat(hookBody.get("recordId").asLong()).isEqualTo(7);
        assertThat(notifications.retryDue()).isZero();
    }

    @Test
    void aRolledBackTransactionNotifiesNobody() {
        assertThatThrownBy(() -> harness.transactions.executeWithoutResult(status -> {
            send(Set.of("rep", "mia"));
            throw new IllegalStateException("save failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(notifications.inbox(rep, false, 10)).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void theInboxIsPerUserWithReadAndUnread() {
        notifications.setPreferences(rep, "rep", Map.of("email", false));
        send(Set.of("rep"));
        send(Set.of("rep"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        List<NotificationView> inbox = notifications.inbox(rep, true, 10);
        assertThat(inbox).hasSize(2).allSatisfy(n -> assertThat(n.read()).isFalse());
        assertThat(notifications.unread(rep)).isEqualTo(2);
        assertThat(notifications.inbox(mia, false, 10)).isEmpty();
        assertThatThrownBy(() -> notifications.markRead(mia, inbox.get(0).id(), true))
                .isInstanceOf(NotFoundException.class);
        assertThat(notifications.markRead(rep, inbox.get(0).id(), true).read()).isTrue();
        assertThat(notifications.unread(rep)).isEqualTo(1);
        assertThat(notifications.markAllRead(rep)).isEqualTo(1);
        assertThat(notifications.inbox(rep, true, 10)).isEmpty();
        assertThat(notifications.inbox(rep, false, 10)).hasSize(2);
        assertThatThrownBy(() -> notifications.setPreferences(rep, "rep", Map.of("inbox", false)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> notifications.setPreferences(rep, "mia", Map.of("email", false)))
                .isInstanceOf(io.opensop.engine.error.AccessDeniedException.class);
    }

    private Received only(String path) {
        List<Received> found = received.stream().filter(r -> r.path().equals(path)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

}
