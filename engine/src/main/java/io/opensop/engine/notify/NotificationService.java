package io.opensop.engine.notify;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications: every one is kept in the recipient's in-app inbox (rendered in the recipient's
 * locale) and queued for the recipient's outbound channels in the same transaction; the outbox is
 * delivered <b>after commit</b> only, so a rolled-back save or timer never notifies anyone. Failed
 * deliveries are retried with backoff by {@link #retryDue()}, which the host calls periodically.
 */
public final class NotificationService {

    public static final String INBOX = "inbox";
    public static final String EMAIL = "email";
    public static final int MAX_ATTEMPTS = 5;
    private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Pattern ENDPOINT_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final TransactionTemplate ownTransaction;
    private final UserDirectory users;
    private final Clock clock;
    private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    private final Executor executor;

    /**
     * @param executor runs deliveries after commit (a task executor in the application; the calling thread in tests)
     */
    public NotificationService(DSLContext dsl, PlatformTransactionManager transactionManager, UserDirectory users,
                               Clock clock, List<NotificationChannel> channels, Executor executor) {
        this.dsl = dsl;
        this.transactions = new TransactionTemplate(transactionManager);
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.users = users;
        this.clock = clock;
        this.executor = executor;
        channels.forEach(c -> this.channels.put(c.channel(), c));
    }

    /**
     * Notifies each user once (duplicates and unknown or disabled users are skipped), inside the caller's
     * transaction; outbound deliveries start after it commits.
     *
     * @param render title and body for a locale
     * @return the inbox ids created
     */
    public List<Long> notify(Set<String> usernames, String kind, String formKey, Long recordId,
                             Function<Locale, String[]> render) {
        List<Long> created = new ArrayList<>();
        List<Long> deliveries = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = now();
            for (String username : new LinkedHashSet<>(usernames)) {
                Optional<UserAccount> user = users.byUsername(username);
                if (user.isEmpty() || !user.get().enabled()) {
                    continue;
                }
                String[] text = render.apply(Templates.locale(user.get().locale()));
                Long id = dsl.insertInto(DSL.table(DSL.unquotedName("notification")))
                        .set(DSL.field(DSL.unquotedName("username")), (Object) username)
                        .set(DSL.field(DSL.unquotedName("kind")), (Object) kind)
                        .set(DSL.field(DSL.unquotedName("title")), (Object) text[0])
                        .set(DSL.field(DSL.unquotedName("body")), (Object) text[1])
                        .set(DSL.field(DSL.unquotedName("form_key")), (Object) formKey)
                        .set(DSL.field(DSL.unquotedName("record_id")), (Object) recordId)
                        .set(DSL.field(DSL.unquotedName("created_at")), (Object) timestamp(now))
                        .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                        .fetchOne(0, Long.class);
                created.add(id);
                for (String channel : outboundChannels(user.get())) {
                    deliveries.add(dsl.insertInto(DSL.table(DSL.unquotedName("notification_delivery")))
                            .set(DSL.field(DSL.unquotedName("notification_id")), (Object) id)
                            .set(DSL.field(DSL.unquotedName("channel_key")), (Object) channel)
                            .set(DSL.field(DSL.unquotedName("status")), (Object) "pending")
                            .set(DSL.field(DSL.unquotedName("attempts")), (Object) 0)
                            .set(DSL.field(DSL.unquotedName("next_attempt_at")), (Object) timestamp(now))
                            .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                            .fetchOne(0, Long.class));
                }
            }
            afterCommit(deliveries);
        });
        return created;
    }

    private void afterCommit(List<Long> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(() -> deliver(deliveries));
                }
            });
        } else {
            executor.execute(() -> deliver(deliveries));
        }
    }

    /** Sends every pending delivery whose time has come (retries and deliveries a crash left behind). */
    public int retryDue() {
        List<Long> due = dsl.fetch("select id from notification_delivery where status in ('pending', 'sending')"
                        + " and next_attempt_at <= ? order by id", timestamp(now()))
                .map(r -> r.get(0, Long.class));
        deliver(due);
        return due.size();
    }

    private void deliver(List<Long> ids) {
        for (Long id : ids) {
            try {
                deliverOne(id);
            } catch (RuntimeException e) {
                LOG.warn("notification delivery {} failed unexpectedly", id, e);
            }
        }
    }

    private void deliverOne(long deliveryId) {
        OffsetDateTime now = now();
        // claim with a lease, so two nodes (or the after-commit send and the retry poller) never both send
        Integer claimed = ownTransaction.execute(s -> dsl.execute("update notification_delivery set status = 'sending',"
                        + " attempts = attempts + 1, next_attempt_at = ? where id = ? and status in ('pending', 'sending')"
                        + " and next_attempt_at <= ?", timestamp(now.plus(LEASE)), deliveryId, timestamp(now)));
        if (claimed == null || claimed == 0) {
            return;
        }
        Record row = dsl.fetchOne("select d.channel_key, d.attempts, n.id, n.username, n.kind, n.title, n.body,"
                + " n.form_key, n.record_id from notification_delivery d join notification n on n.id = d.notification_id"
                + " where d.id = ?", deliveryId);
        String channelKey = row.get(0, String.class);
        int attempts = row.get(1, Integer.class);
        String error = null;
        try {
            NotificationChannel.Endpoint endpoint = EMAIL.equals(channelKey) ? null : endpoint(channelKey)
                    .orElseThrow(() -> new IllegalStateException("no endpoint " + channelKey));
            String channelName = endpoint == null ? EMAIL : endpoint.channel();
            NotificationChannel channel = channels.get(channelName);
            if (channel == null) {
                throw new IllegalStateException("channel not configured: " + channelName);
            }
            if (endpoint != null && !endpoint.enabled()) {
                throw new IllegalStateException("endpoint disabled: " + channelKey);
            }
            UserAccount user = users.byUsername(row.get(3, String.class)).orElseThrow();
            channel.send(new NotificationChannel.Outgoing(row.get(2, Long.class), user.username(), user.displayName(),
                    user.email(), user.locale(), row.get(4, String.class), row.get(5, String.class),
                    row.get(6, String.class), row.get(7, String.class), row.get(8, Long.class), endpoint));
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String failure = error;
        OffsetDateTime after = now();
        ownTransaction.executeWithoutResult(s -> {
            if (failure == null) {
                dsl.execute("update notification_delivery set status = 'sent', sent_at = ?, last_error = null"
                        + " where id = ?", timestamp(after), deliveryId);
            } else if (attempts >= MAX_ATTEMPTS) {
                dsl.execute("update notification_delivery set status = 'failed', last_error = ? where id = ?",
                        truncate(failure), deliveryId);
            } else {
                Duration wait = BACKOFF.get(Math.min(attempts - 1, BACKOFF.size() - 1));
                dsl.execute("update notification_delivery set status = 'pending', last_error = ?,"
                        + " next_attempt_at = ? where id = ?", truncate(failure), timestamp(after.plus(wait)), deliveryId);
            }
        });
    }

    /** Delivery states of one inbox entry, for the owner or an admin: channel → status. */
    public List<Map<String, Object>> deliveries(Actor actor, long notificationId) {
        owned(actor, notificationId);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : dsl.fetch("select channel_key, status, attempts, last_error from notification_delivery"
                + " where notification_id = ? order by id", notificationId)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("channel", r.get(0, String.class));
            d.put("status", r.get(1, String.class));
            d.put("attempts", r.get(2, Integer.class));
            d.put("lastError", r.get(3, String.class));
            out.add(d);
        }
        return out;
    }

    // ---- inbox

    public List<NotificationView> inbox(Actor actor, boolean unreadOnly, int limit) {
        int max = limit <= 0 ? 50 : Math.min(limit, 200);
        return dsl.fetch("select id, kind, title, body, form_key, record_id, created_at, read_at from notification"
                        + " where username = ?" + (unreadOnly ? " and read_at is null" : "") + " order by id desc"
                        + " limit " + max, actor.username())
                .map(NotificationService::view);
    }

    public long unread(Actor actor) {
        return dsl.fetchOne("select count(*) from notification where username = ? and read_at is null",
                actor.username()).get(0, Long.class);
    }

    public NotificationView get(Actor actor, long id) {
        owned(actor, id);
        return view(dsl.fetchOne("select id, kind, title, body, form_key, record_id, created_at, read_at"
                + " from notification where id = ?", id));
    }

    public NotificationView markRead(Actor actor, long id, boolean read) {
        owned(actor, id);
        dsl.execute("update notification set read_at = ? where id = ?", read ? timestamp(now()) : null, id);
        return get(actor, id);
    }

    public int markAllRead(Actor actor) {
        return dsl.execute("update notification set read_at = ? where username = ? and read_at is null",
                timestamp(now()), actor.username());
    }

    private void owned(Actor actor, long id) {
        Record row = dsl.fetchOne("select username from notification where id = ?", id);
        if (row == null || (!actor.username().equals(row.get(0, String.class)) && !actor.isAdmin())) {
            throw new NotFoundException("notification", String.valueOf(id));
        }
    }

    private static NotificationView view(Record r) {
        return new NotificationView(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, String.class), r.get(4, String.class), r.get(5, Long.class), time(r.get(6)),
                time(r.get(7)));
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    // ---- preferences

    /**
     * The user's channels: {@code inbox} (always on), {@code email} and each enabled endpoint, with whether
     * the user receives on it. Without rows of their own, users get the inbox and e-mail (when they have an address).
     */
    public Map<String, Boolean> preferences(String username) {
        Map<String, Boolean> chosen = new LinkedHashMap<>();
        dsl.fetch("select channel_key, enabled from notification_preference where username = ? order by channel_key",
                username).forEach(r -> chosen.put(r.get(0, String.class), r.get(1, Boolean.class)));
        Map<String, Boolean> all = new LinkedHashMap<>();
        all.put(INBOX, true);
        all.put(EMAIL, chosen.getOrDefault(EMAIL, true));
        for (NotificationChannel.Endpoint endpoint : endpoints()) {
            if (endpoint.enabled()) {
                all.put(endpoint.key(), chosen.getOrDefault(endpoint.key(), false));
            }
        }
        return all;
    }

    public Map<String, Boolean> setPreferences(Actor actor, String username, Map<String, Boolean> choices) {
        if (!actor.username().equals(username) && !actor.isAdmin()) {
            throw new AccessDeniedException("only the user or an admin changes notification preferences");
        }
        Set<String> known = new LinkedHashSet<>(List.of(EMAIL));
        endpoints().forEach(e -> known.add(e.key()));
        List<Problem> problems = new ArrayList<>();
        choices.forEach((key, enabled) -> {
            if (INBOX.equals(key) && Boolean.FALSE.equals(enabled)) {
                problems.add(Problem.of(key, "notify_inbox_always_on"));
            } else if (!INBOX.equals(key) && !known.contains(key)) {
                problems.add(Problem.of(key, "notify_channel_unknown", key));
            } else if (enabled == null) {
                problems.add(Problem.of(key, "required"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        transactions.executeWithoutResult(s -> choices.forEach((key, enabled) -> {
            if (INBOX.equals(key)) {
                return;
            }
            dsl.execute("delete from notification_preference where username = ? and channel_key = ?", username, key);
            dsl.execute("insert into notification_preference (username, channel_key, enabled) values (?, ?, ?)",
                    username, key, enabled);
        }));
        return preferences(username);
    }

    private List<String> outboundChannels(UserAccount user) {
        List<String> out = new ArrayList<>();
        preferences(user.username()).forEach((key, enabled) -> {
            if (!enabled || INBOX.equals(key)) {
                return;
            }
            if (EMAIL.equals(key) && (user.email() == null || user.email().isBlank() || !channels.containsKey(EMAIL))) {
                return;
            }
            out.add(key);
        });
        return out;
    }

    // ---- endpoints (admin)

    public List<NotificationChannel.Endpoint> endpoints() {
        return dsl.fetch("select endpoint_key, channel, url, secret, enabled from notification_endpoint"
                + " order by endpoint_key").map(NotificationService::endpoint);
    }

    public Optional<NotificationChannel.Endpoint> endpoint(String key) {
        return Optional.ofNullable(dsl.fetchOne("select endpoint_key, channel, url, secret, enabled"
                + " from notification_endpoint where endpoint_key = ?", key)).map(NotificationService::endpoint);
    }

    public NotificationChannel.Endpoint saveEndpoint(Actor actor, NotificationChannel.Endpoint endpoint) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only admins configure notification endpoints");
        }
        List<Problem> problems = new ArrayList<>();
        if (endpoint.key() == null || !ENDPOINT_KEY.matcher(endpoint.key()).matches()
                || EMAIL.equals(endpoint.key()) || INBOX.equals(endpoint.key())) {
            problems.add(Problem.of("key", "notify_endpoint_key_invalid", String.valueOf(endpoint.key())));
        }
        if (!Set.of("webhook", "dingtalk", "wecom").contains(String.valueOf(endpoint.channel()))) {
            problems.add(Problem.of("channel", "notify_channel_unknown", String.valueOf(endpoint.channel())));
        }
        if (endpoint.url() == null || !(endpoint.url().startsWith("https://") || endpoint.url().startsWith("http://"))) {
            problems.add(Problem.of("url", "notify_url_invalid"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        transactions.executeWithoutResult(s -> {
            dsl.execute("delete from notification_endpoint where endpoint_key = ?", endpoint.key());
            dsl.execute("insert into notification_endpoint (endpoint_key, channel, url, secret, enabled, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?)", endpoint.key(), endpoint.channel(), endpoint.url(),
                    endpoint.secret(), endpoint.enabled(), timestamp(now()));
        });
        return endpoint(endpoint.key()).orElseThrow();
    }

    private static NotificationChannel.Endpoint endpoint(Record r) {
        return new NotificationChannel.Endpoint(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, String.class), Boolean.TRUE.equals(r.get(4, Boolean.class)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
