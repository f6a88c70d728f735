package io.opensop.engine.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.support.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DingTalk and WeCom (企业微信) group robots, in their own message formats. Both answer 200 with
 * {@code {"errcode":0,...}}; any other errcode is a failure, retried by the outbox.
 */
public final class RobotChannels {

    private RobotChannels() {
    }

    /**
     * DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title","text"},"at":{"atUserIds":[],"isAtAll":false}}}.
     * With a secret ("加签"), the URL gets {@code &timestamp=<ms>&sign=<urlencoded base64 HmacSHA256(secret, timestamp+"\n"+secret)>}.
     */
    public static final class DingTalk implements NotificationChannel {

        private final WebhookSender sender;
        private final Clock clock;

        public DingTalk(WebhookSender sender, Clock clock) {
            this.sender = sender;
            this.clock = clock;
        }

        @Override
        public String channel() {
            return "dingtalk";
        }

        @Override
        public void send(Outgoing message) throws Exception {
            Map<String, Object> markdown = new LinkedHashMap<>();
            markdown.put("title", message.title());
            markdown.put("text", "### " + message.title() + "\n\n" + message.body());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msgtype", "markdown");
            body.put("markdown", markdown);
            body.put("at", Map.of("atUserIds", List.of(), "isAtAll", false));
            String url = signedUrl(message.endpoint().url(), message.endpoint().secret(), clock.millis());
            check(sender.post(url, null, Json.write(body)));
        }

        public static String signedUrl(String url, String secret, long timestampMillis) throws Exception {
            if (secret == null || secret.isEmpty()) {
                return url;
            }
            String sign = Base64.getEncoder().encodeToString(
                    HmacWebhookSender.hmac(secret, timestampMillis + "\n" + secret));
            return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign="
                    + URLEncoder.encode(sign, StandardCharsets.UTF_8);
        }
    }

    /** WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content":"..."}}} to the robot's key URL. */
    public static final class WeCom implements NotificationChannel {

        private final WebhookSender sender;

        public WeCom(WebhookSender sender) {
            this.sender = sender;
        }

        @Override
        public String channel() {
            return "wecom";
        }

        @Override
        public void send(Outgoing message) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("content", "### " + message.title() + "\n" + message.body()));
            check(sender.post(message.endpoint().url(), null, Json.write(body)));
        }
    }

    static void check(String response) {
        if (response == null || response.isBlank()) {
            return;
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(response);
        } catch (Exception e) {
            throw new IllegalStateException("robot answered no JSON");
        }
        int code = json.path("errcode").asInt(0);
        if (code != 0) {
            throw new IllegalStateException("robot errcode " + code + ": " + json.path("errmsg").asText(""));
        }
    }
}
