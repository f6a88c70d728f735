package io.opensop.engine.webhook;

import io.opensop.engine.support.SqlValues;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The webhook tables: subscriptions, the delivery outbox and the attempt log. */
final class WebhookStore {

    private static final String SUBSCRIPTION = "id, form_key, name, url, secret, events, owner, active, created_by, created_at";
    private static final String DELIVERY = "id, subscription_id, event, form_key, record_id, payload, status, attempts,"
            + " next_attempt_at, last_status_code, last_error, created_at, delivered_at";

    private final DSLContext dsl;

    WebhookStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    long insertSubscription(String formKey, String name, String url, String secret, Set<String> events, String owner,
                            boolean active, OffsetDateTime now) {
        return dsl.insertInto(DSL.table(DSL.unquotedName("webhook_subscription")))
                .columns(col("form_key"), col("name"), col("url"), col("secret"), col("events"), col("owner"),
                        col("active"), col("created_by"), col("created_at"))
                .values(formKey, name, url, secret, String.join(",", events), owner, active, owner,
                        SqlValues.timestamp(now))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT)).fetchOne().value1();
    }

    void updateSubscription(long id, String name, String url, String secret, Set<String> events, boolean active) {
        dsl.execute("update webhook_subscription set name = ?, url = ?, secret = ?, events = ?, active = ? where id = ?",
                name, url, secret, String.join(",", events), active, id);
    }

    void deleteSubscription(long id) {
        dsl.execute("delete from webhook_attempt where delivery_id in (select id from webhook_delivery"
                + " where subscription_id = ?)", id);
        dsl.execute("delete from webhook_delivery where subscription_id = ?", id);
        dsl.execute("delete from webhook_subscription where id = ?", id);
    }

    Optional<WebhookSubscription> subscription(long id) {
        return dsl.fetchOptional("select " + SUBSCRIPTION + " from webhook_subscription where id = ?", id)
                .map(WebhookStore::toSubscription);
    }

    List<WebhookSubscription> subscriptions(String formKey) {
        return dsl.fetch("select " + SUBSCRIPTION + " from webhook_subscription where form_key = ? order by id", formKey)
                .map(WebhookStore::toSubscription);
    }

    long insertDelivery(long subscriptionId, String event, String formKey, Long recordId, String payload,
                        OffsetDateTime now) {
        return dsl.insertInto(DSL.table(DSL.unquotedName("webhook_delivery")))
                .columns(col("subscription_id"), col("event"), col("form_key"), col("record_id"), col("payload"),
                        col("status"), col("attempts"), col("next_attempt_at"), col("created_at"))
                .values(subscriptionId, event, formKey, recordId, payload, WebhookDelivery.PENDING, 0,
                        SqlValues.timestamp(now), SqlValues.timestamp(now))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT)).fetchOne().value1();
    }

    List<Long> due(OffsetDateTime now, int limit) {
        return dsl.fetch("select id from webhook_delivery where status = ? and next_attempt_at <= ?"
                        + " order by next_attempt_at, id limit ?", WebhookDelivery.PENDING, SqlValues.timestamp(now), limit)
                .map(r -> r.get(0, Long.class));
    }

    /** Hides a due delivery from other pollers until {@code leaseUntil}; false if another poller took it. */
    boolean claim(long id, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return dsl.execute("update webhook_delivery set next_attempt_at = ? where id = ? and status = ?"
                        + " and next_attempt_at <= ?", SqlValues.timestamp(leaseUntil), id, WebhookDelivery.PENDING,
                SqlValues.timestamp(now)) == 1;
    }

    Optional<WebhookDelivery> delivery(long id) {
        return dsl.fetchOptional("select " + DELIVERY + " from webhook_delivery where id = ?", id)
                .map(WebhookStore::toDelivery);
    }

    List<WebhookDelivery> deliveries(long subscriptionId, int limit) {
        return dsl.fetch("select " + DELIVERY + " from webhook_delivery where subscription_id = ? order by id desc limit ?",
                subscriptionId, limit).map(WebhookStore::toDelivery);
    }

    void recordAttempt(long deliveryId, int attempt, OffsetDateTime at, SendResult result, String status,
                       OffsetDateTime next) {
        dsl.execute("insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)"
                        + " values (?, ?, ?, ?, ?, ?)", deliveryId, attempt, SqlValues.timestamp(at), result.statusCode(),
                result.error(), result.durationMs());
        dsl.execute("update webhook_delivery set attempts = ?, status = ?, next_attempt_at = ?, last_status_code = ?,"
                        + " last_error = ?, delivered_at = ? where id = ?", attempt, status, SqlValues.timestamp(next),
                result.statusCode(), result.error(),
                WebhookDelivery.DELIVERED.equals(status) ? SqlValues.timestamp(at) : null, deliveryId);
    }

    List<WebhookAttempt> attempts(long deliveryId) {
        return dsl.fetch("select delivery_id, attempt, attempted_at, status_code, error, duration_ms from webhook_attempt"
                + " where delivery_id = ? order by id", deliveryId).map(r -> new WebhookAttempt(r.get(0, Long.class),
                r.get(1, Integer.class), time(r, 2), r.get(3, Integer.class), r.get(4, String.class),
                r.get(5, Long.class)));
    }

    private static org.jooq.Field<Object> col(String name) {
        return DSL.field(DSL.unquotedName(name));
    }

    private static WebhookSubscription toSubscription(Record r) {
        Set<String> events = new LinkedHashSet<>(Arrays.asList(r.get(5, String.class).split(",")));
        events.remove("");
        return new WebhookSubscription(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, String.class), r.get(4, String.class), Set.copyOf(events), r.get(6, String.class),
                r.get(7, Boolean.class), r.get(8, String.class), time(r, 9));
    }

    private static WebhookDelivery toDelivery(Record r) {
        return new WebhookDelivery(r.get(0, Long.class), r.get(1, Long.class), r.get(2, String.class),
                r.get(3, String.class), r.get(4, Long.class), r.get(5, String.class), r.get(6, String.class),
                r.get(7, Integer.class), time(r, 8), r.get(9, Integer.class), r.get(10, String.class), time(r, 11),
                time(r, 12));
    }

    static OffsetDateTime time(Record r, int index) {
        Object value = r.get(index);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return r.get(index, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static List<String> split(String events) {
        return new ArrayList<>(Arrays.asList(events.split(",")));
    }
}
