package io.opensop.engine.webhook;

import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordChanged;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.UserDirectory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Webhook subscriptions and their deliveries.
 *
 * <p>Deliveries are an outbox: {@link #onEvent} runs inside the saving transaction and only inserts
 * a delivery row, so a save that rolls back sends nothing and a save that commits is sent even if
 * the node dies right after. {@link #deliverDue} (called by a scheduler with the clock's time) posts
 * due rows, signs each body with HMAC-SHA256 ({@link Signatures}) and reschedules failures with
 * exponential backoff ({@link WebhookSettings#backoff}). Every attempt is logged.
 */
public final class WebhookService {

    private final TransactionOperations transactions;
    private final FormService forms;
    private final AccessPolicy policy;
    private final RecordService records;
    private final UserDirectory users;
    private final Clock clock;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final WebhookStore store;
    private volatile boolean allowPrivateAddresses;

    public WebhookService(DSLContext dsl, TransactionOperations transactions, FormService forms, AccessPolicy policy,
                          RecordService records, UserDirectory users, Clock clock, WebhookSender sender,
                          WebhookSettings settings) {
        this.transactions = transactions;
        this.forms = forms;
        this.policy = policy;
        this.records = records;
        this.users = users;
        this.clock = clock;
        this.sender = sender;
        this.settings = settings;
        this.store = new WebhookStore(dsl);
    }

    /**
     * Whether subscriptions may point at loopback, link-local and private addresses ({@link WebhookUrls}).
     * Off by default (server-side request forgery); tests and closed networks turn it on.
     */
    public void allowPrivateAddresses(boolean allow) {
        this.allowPrivateAddresses = allow;
    }

    // ---- subscriptions (need the form's design permission) ----

    /** Creates a subscription owned by {@code actor}; the answer carries the secret, later reads mask it. */
    public WebhookSubscription create(Actor actor, String formKey, WebhookInput input) {
        design(actor, formKey);
        Set<String> events = validate(input, true);
        String secret = input.secret() == null || input.secret().isBlank() ? Signatures.newSecret() : input.secret();
        long id = transactions.execute(s -> store.insertSubscription(formKey, input.name().strip(), input.url().strip(),
                secret, events, actor.username(), input.active() == null || input.active(), now()));
        return store.subscription(id).orElseThrow();
    }

    public List<WebhookSubscription> list(Actor actor, String formKey) {
        design(actor, formKey);
        return store.subscriptions(formKey).stream().map(WebhookSubscription::masked).toList();
    }

    public WebhookSubscription get(Actor actor, long id) {
        return owned(actor, id).masked();
    }

    public WebhookSubscription update(Actor actor, long id, WebhookInput input) {
        WebhookSubscription current = owned(actor, id);
        WebhookInput merged = new WebhookInput(input.name() == null ? current.name() : input.name(),
                input.url() == null ? current.url() : input.url(),
                input.events() == null ? current.events() : input.events(),
                input.secret() == null ? current.secret() : input.secret(),
                input.active() == null ? current.active() : input.active());
        Set<String> events = validate(merged, false);
        transactions.executeWithoutResult(s -> store.updateSubscription(id, merged.name().strip(),
                merged.url().strip(), merged.secret(), events, merged.active()));
        return store.subscription(id).orElseThrow().masked();
    }

    public void delete(Actor actor, long id) {
        owned(actor, id);
        transactions.executeWithoutResult(s -> store.deleteSubscription(id));
    }

    /** The newest deliveries first, each with its status, attempts, last status code and error. */
    public List<WebhookDelivery> deliveries(Actor actor, long subscriptionId, int limit) {
        owned(actor, subscriptionId);
        return store.deliveries(subscriptionId, Math.max(1, Math.min(limit, 500)));
    }

    public List<WebhookAttempt> attempts(Actor actor, long subscriptionId, long deliveryId) {
        owned(actor, subscriptionId);
        WebhookDelivery delivery = store.delivery(deliveryId).filter(d -> d.subscriptionId() == subscriptionId)
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId));
        return store.attempts(delivery.id());
    }

    /** Sends a {@code webhook.test} event now and reports the outcome; a failed test is not retried. */
    public WebhookDelivery sendTest(Actor actor, long id) {
        WebhookSubscription subscription = owned(actor, id);
        OffsetDateTime now = now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", WebhookEvent.TEST.key());
        body.put("occurredAt", now);
        body.put("form", subscription.formKey());
        body.put("subscription", subscription.id());
        body.put("sentBy", actor.username());
        long deliveryId = transactions.execute(s -> store.insertDelivery(id, WebhookEvent.TEST.key(),
                subscription.formKey(), null, Json.write(body), now));
        if (store.claim(deliveryId, now, now.plus(settings.lease()))) {
            attempt(store.delivery(deliveryId).orElseThrow(), subscription, now, true);
        }
        return store.delivery(deliveryId).orElseThrow();
    }

    // ---- events ----

    /** The engine's event sink calls this inside the saving transaction. */
    public void onEvent(Object event) {
        if (event instanceof RecordChanged changed) {
            WebhookEvent type = switch (changed.action()) {
                case Revision.CREATE -> WebhookEvent.RECORD_CREATED;
                case Revision.UPDATE -> WebhookEvent.RECORD_UPDATED;
                case Revision.DELETE -> WebhookEvent.RECORD_DELETED;
                case Revision.RESTORE -> WebhookEvent.RECORD_RESTORED;
                default -> null;
            };
            if (type != null) {
                enqueue(changed.formKey(), type, changed.recordId(), Map.of("version", changed.version(),
                        "changedBy", changed.changedBy(), "changedFields", changed.changedFields()));
            }
        }
    }

    /**
     * Queues {@code event} for every active subscription of the form that wants it. Call inside the
     * transaction that causes the event (the workflow does so for stage and task events). The record
     * is added as each subscription's owner may see it; an owner who cannot see it gets nothing.
     */
    public void enqueue(String formKey, WebhookEvent event, long recordId, Map<String, Object> extra) {
        List<WebhookSubscription> subscriptions = store.subscriptions(formKey).stream()
                .filter(WebhookSubscription::active).filter(s -> s.events().contains(event.key())).toList();
        if (subscriptions.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        for (WebhookSubscription subscription : subscriptions) {
            Optional<Map<String, Object>> body = payload(subscription, event, formKey, recordId, extra, now);
            body.ifPresent(b -> store.insertDelivery(subscription.id(), event.key(), formKey, recordId, Json.write(b),
                    now));
        }
    }

    private Optional<Map<String, Object>> payload(WebhookSubscription subscription, WebhookEvent event, String formKey,
                                                  long recordId, Map<String, Object> extra, OffsetDateTime now) {
        Optional<Actor> owner = owner(subscription);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.key());
        body.put("occurredAt", now);
        body.put("form", formKey);
        body.put("recordId", recordId);
        Set<String> visibleFields = null;
        if (event == WebhookEvent.RECORD_DELETED) {
            PublishedForm form = forms.current(formKey).orElse(null);
            if (form == null || !policy.allows(owner.get(), form.definition(), Operation.READ)) {
                return Optional.empty();
            }
        } else {
            FormRecord record;
            try {
                record = records.get(owner.get(), formKey, recordId);
            } catch (RuntimeException notVisible) {
                return Optional.empty(); // no read permission or outside the owner's row scope
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", record.id());
            data.put("version", record.version());
            data.put("stage", record.stage());
            data.put("ownerId", record.ownerId());
            data.put("createdBy", record.createdBy());
            data.put("createdAt", record.createdAt());
            data.put("updatedBy", record.updatedBy());
            data.put("updatedAt", record.updatedAt());
            data.put("values", record.values());
            body.put("record", data);
            visibleFields = record.values().keySet();
        }
        for (Map.Entry<String, Object> entry : extra.entrySet()) {
            if ("changedFields".equals(entry.getKey()) && entry.getValue() instanceof Set<?> fields) {
                Set<String> shown = new LinkedHashSet<>();
                for (Object f : fields) {
                    if (visibleFields == null || visibleFields.contains(String.valueOf(f))) {
                        shown.add(String.valueOf(f));
                    }
                }
                body.put("changedFields", shown);
            } else {
                body.put(entry.getKey(), entry.getValue());
            }
        }
        return Optional.of(body);
    }

    /**
     * Sends the deliveries due at {@code now}, oldest first. Safe to call from several nodes: each
     * delivery is claimed before it is sent. Returns how many were attempted.
     */
    public int deliverDue(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        int attempted = 0;
        for (long id : store.due(at, settings.batch())) {
            if (!store.claim(id, at, at.plus(settings.lease()))) {
                continue;
            }
            WebhookDelivery delivery = store.delivery(id).orElseThrow();
            Optional<WebhookSubscription> subscription = store.subscription(delivery.subscriptionId());
            if (subscription.isEmpty() || !subscription.get().active()) {
                store.recordAttempt(id, delivery.attempts(), at, new SendResult(null, "subscription inactive", 0),
                        WebhookDelivery.FAILED, at);
                continue;
            }
            attempt(delivery, subscription.get(), at, false);
            attempted++;
        }
        return attempted;
    }

    private void attempt(WebhookDelivery delivery, WebhookSubscription subscription, OffsetDateTime at,
                         boolean once) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "OpenSOP-Webhook/1");
        headers.put("X-OpenSOP-Event", delivery.event());
        headers.put("X-OpenSOP-Delivery", String.valueOf(delivery.id()));
        headers.put(Signatures.HEADER, Signatures.sign(subscription.secret(), body));
        URI target = URI.create(subscription.url());
        Optional<String> refused = WebhookUrls.refusal(target, allowPrivateAddresses);
        SendResult result = refused.isPresent()
                ? new SendResult(null, "refused: " + refused.get() + " is a private address", 0)
                : sender.send(new OutboundRequest(target, headers, body));
        int attempt = delivery.attempts() + 1;
        String status;
        OffsetDateTime next = at;
        if (result.success()) {
            status = WebhookDelivery.DELIVERED;
        } else if (once || attempt >= settings.maxAttempts()) {
            status = WebhookDelivery.FAILED;
        } else {
            status = WebhookDelivery.PENDING;
            next = at.plus(settings.backoff(attempt));
        }
        String finalStatus = status;
        OffsetDateTime finalNext = next;
        transactions.executeWithoutResult(s -> store.recordAttempt(delivery.id(), attempt, at, result, finalStatus,
                finalNext));
    }

    private Optional<Actor> owner(WebhookSubscription subscription) {
        return users.byUsername(subscription.owner()).filter(u -> u.enabled()).map(u -> new Actor(u.id(),
                u.username(), u.roles(), Locale.forLanguageTag(u.locale()), ZoneId.of(u.zoneId())));
    }

    private void design(Actor actor, String formKey) {
        PublishedForm form = forms.current(formKey).orElseThrow(() -> new NotFoundException("form", formKey));
        policy.check(actor, form.definition(), Operation.DESIGN);
    }

    private WebhookSubscription owned(Actor actor, long id) {
        WebhookSubscription subscription = store.subscription(id)
                .orElseThrow(() -> new NotFoundException("webhook", id));
        design(actor, subscription.formKey());
        return subscription;
    }

    private Set<String> validate(WebhookInput input, boolean creating) {
        List<Problem> problems = new java.util.ArrayList<>();
        if (input.name() == null || input.name().isBlank()) {
            problems.add(Problem.of("name", "required"));
        } else if (input.name().length() > 200) {
            problems.add(Problem.of("name", "too_long", 200));
        }
        if (input.url() == null || input.url().isBlank()) {
            problems.add(Problem.of("url", "required"));
        } else {
            try {
                URI uri = URI.create(input.url().strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                        || input.url().length() > 2000) {
                    problems.add(Problem.of("url", "invalid_url", input.url()));
                } else {
                    WebhookUrls.refusal(uri, allowPrivateAddresses)
                            .ifPresent(address -> problems.add(Problem.of("url", "private_address", address)));
                }
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of("url", "invalid_url", input.url()));
            }
        }
        Set<String> events = new LinkedHashSet<>();
        if (input.events() == null || input.events().isEmpty()) {
            problems.add(Problem.of("events", "required"));
        } else {
            for (String event : input.events()) {
                if (WebhookEvent.find(event).filter(e -> e != WebhookEvent.TEST).isEmpty()) {
                    problems.add(Problem.of("events", "unknown_event", event));
                } else {
                    events.add(event);
                }
            }
        }
        if (input.secret() != null && !input.secret().isBlank() && input.secret().length() < 16) {
            problems.add(Problem.of("secret", "secret_too_short", 16));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return events;
    }

    private OffsetDateTime now() {
        // whole milliseconds: a column that rounds nanoseconds up would otherwise store a time after
        // "now", and the send test's claim (next_attempt_at <= now) of the row it just wrote would fail
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
