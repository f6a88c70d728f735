package io.opensop.runtime.webhook;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.webhook.WebhookDelivery;
import io.opensop.engine.webhook.WebhookInput;
import io.opensop.engine.webhook.WebhookService;
import io.opensop.engine.webhook.WebhookSubscription;
import io.opensop.runtime.security.CurrentActor;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscriptions. Managing one needs the design permission of its form (the engine's rule;
 * admins have it). Secrets are write-only: no answer carries one, except a generated one once.
 */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private final WebhookService webhooks;
    private final CurrentActor actor;

    WebhookController(WebhookService webhooks, CurrentActor actor) {
        this.webhooks = webhooks;
        this.actor = actor;
    }

    /** Subscriptions of one form: {@code ?form=key}. */
    @GetMapping
    List<WebhookView> list(@RequestParam("form") String formKey) {
        return webhooks.list(actor.get(), formKey).stream().map(s -> WebhookView.of(s, null)).toList();
    }

    @PostMapping
    ResponseEntity<WebhookView> create(@RequestBody WebhookRequest request) {
        if (request.formKey() == null || request.formKey().isBlank()) {
            throw new ValidationException(Problem.of("formKey", "required"));
        }
        boolean generated = request.secret() == null || request.secret().isBlank();
        WebhookSubscription created = webhooks.create(actor.get(), request.formKey(), request.input());
        return ResponseEntity.created(URI.create("/api/webhooks/" + created.id()))
                .body(WebhookView.of(created, generated ? created.secret() : null));
    }

    @GetMapping("/{id}")
    WebhookView get(@PathVariable long id) {
        return WebhookView.of(webhooks.get(actor.get(), id), null);
    }

    /** Fields left out (null) keep their value; a new secret replaces the old one. The form cannot change. */
    @PutMapping("/{id}")
    WebhookView update(@PathVariable long id, @RequestBody WebhookRequest request) {
        WebhookSubscription current = webhooks.get(actor.get(), id);
        if (request.formKey() != null && !request.formKey().equals(current.formKey())) {
            throw new ValidationException(Problem.of("formKey", "invalid_value", request.formKey()));
        }
        return WebhookView.of(webhooks.update(actor.get(), id, request.input()), null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        webhooks.delete(actor.get(), id);
        return ResponseEntity.noContent().build();
    }

    /** Sends a {@code webhook.test} event now; the answer is the delivery with its outcome (not retried). */
    @PostMapping("/{id}/test")
    WebhookDelivery test(@PathVariable long id) {
        return webhooks.sendTest(actor.get(), id);
    }

    /** The newest deliveries first ({@code limit}, default 50, at most 500). */
    @GetMapping("/{id}/deliveries")
    List<WebhookDelivery> deliveries(@PathVariable long id,
                                     @RequestParam(value = "limit", defaultValue = "50") int limit) {
        return webhooks.deliveries(actor.get(), id, limit);
    }

    record WebhookRequest(String formKey, String name, String url, Set<String> events, String secret,
                          Boolean active) {
        WebhookInput input() {
            return new WebhookInput(name, url, events, secret, active);
        }
    }
}
