package io.opensop.runtime.notify;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.notify.NotificationChannel;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.NotificationView;
import io.opensop.runtime.security.CurrentActor;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's inbox and channel preferences; notification endpoints for admins. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationService notifications;
    private final CurrentActor actor;

    NotificationController(NotificationService notifications, CurrentActor actor) {
        this.notifications = notifications;
        this.actor = actor;
    }

    record ReadInput(Boolean read) {
    }

    /** An endpoint as shown back: the secret is never returned. */
    record EndpointView(String key, String channel, String url, boolean hasSecret, boolean enabled) {
        static EndpointView of(NotificationChannel.Endpoint e) {
            return new EndpointView(e.key(), e.channel(), e.url(), e.secret() != null && !e.secret().isEmpty(),
                    e.enabled());
        }
    }

    record EndpointInput(String channel, String url, String secret, Boolean enabled) {
    }

    @GetMapping
    List<NotificationView> inbox(@RequestParam(value = "unread", defaultValue = "false") boolean unread,
                                 @RequestParam(value = "limit", defaultValue = "50") int limit) {
        return notifications.inbox(actor.get(), unread, limit);
    }

    @GetMapping("/unread-count")
    Map<String, Long> unread() {
        return Map.of("count", notifications.unread(actor.get()));
    }

    @GetMapping("/{id}")
    NotificationView get(@PathVariable long id) {
        return notifications.get(actor.get(), id);
    }

    @GetMapping("/{id}/deliveries")
    List<Map<String, Object>> deliveries(@PathVariable long id) {
        return notifications.deliveries(actor.get(), id);
    }

    @PostMapping("/{id}/read")
    NotificationView markRead(@PathVariable long id, @RequestBody(required = false) ReadInput input) {
        return notifications.markRead(actor.get(), id, input == null || input.read() == null || input.read());
    }

    @PostMapping("/read-all")
    Map<String, Integer> markAllRead() {
        return Map.of("updated", notifications.markAllRead(actor.get()));
    }

    @GetMapping("/preferences")
    Map<String, Boolean> preferences() {
        return notifications.preferences(actor.get().username());
    }

    @PutMapping("/preferences")
    Map<String, Boolean> setPreferences(@RequestBody Map<String, Boolean> choices) {
        return notifications.setPreferences(actor.get(), actor.get().username(), choices);
    }

    @GetMapping("/endpoints")
    List<EndpointView> endpoints() {
        if (!actor.get().isAdmin()) {
            throw new AccessDeniedException("only admins see notification endpoints");
        }
        return notifications.endpoints().stream().map(EndpointView::of).toList();
    }

    @PutMapping("/endpoints/{key}")
    EndpointView saveEndpoint(@PathVariable String key, @RequestBody EndpointInput input) {
        return EndpointView.of(notifications.saveEndpoint(actor.get(), new NotificationChannel.Endpoint(key,
                input.channel(), input.url(), input.secret(), input.enabled() == null || input.enabled())));
    }
}
