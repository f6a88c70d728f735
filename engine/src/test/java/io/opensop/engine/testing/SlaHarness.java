package io.opensop.engine.testing;

import io.opensop.engine.EngineServices;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.NotificationView;
import io.opensop.engine.security.Actor;
import io.opensop.engine.sla.SlaEnginePlugin;
import io.opensop.engine.sla.SlaServices;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The engine on Camunda with the SLA feature and in-app notifications (delivered on the committing
 * thread), for scenarios about approvals, stage moves and SLA clocks. Time moves only when a test
 * calls {@link #at}, which moves the engine clock and Camunda's together and runs the due jobs.
 */
public final class SlaHarness implements AutoCloseable {

    public final WorkflowHarness workflow;
    public final EngineServices engine;
    public final NotificationService notifications;
    public final SlaServices sla;

    public SlaHarness(DataSource dataSource) {
        SlaEnginePlugin plugin = SlaServices.plugin();
        this.workflow = new WorkflowHarness(dataSource, Set.of(), List.of(plugin));
        EngineHarness base = workflow.engine;
        this.engine = base.engine;
        this.notifications = new NotificationService(base.dsl,
                (PlatformTransactionManager) base.transactions.getTransactionManager(), engine.users(), base.clock,
                List.of(), Runnable::run);
        this.sla = new SlaServices(engine, workflow.camunda, base.dsl, base.transactions, base.clock,
                EngineHarness.SHANGHAI, plugin, notifications);
        base.listeners.add(sla::onEvent);
    }

    /** Moves both clocks to a local date-time in Shanghai and runs every due job; returns how many ran. */
    public int at(String localDateTime) {
        return workflow.at(localDateTime);
    }

    /** The actor's notifications of {@code kind} whose title or body mentions {@code about}. */
    public List<NotificationView> inbox(Actor actor, String kind, String about) {
        return notifications.inbox(actor, false, 200).stream()
                .filter(n -> n.kind().equals(kind) && (n.title() + n.body()).contains(about)).toList();
    }

    @Override
    public void close() {
        workflow.close();
        ClockUtil.reset();
    }
}
