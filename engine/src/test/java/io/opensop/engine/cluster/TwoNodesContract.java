package io.opensop.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one database, each with its own in-memory caches, stand for two application
 * nodes: what one publishes the other must use at once, and publishes of one form must not
 * interleave. Subclasses only say which database.
 */
abstract class TwoNodesContract {

    private HikariDataSource dataSource;
    private EngineHarness nodeA;
    private EngineHarness nodeB;
    private final Actor admin = EngineHarness.admin();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void startTwoNodes() {
        dataSource = newDatabase();
        nodeA = new EngineHarness(dataSource);
        nodeB = new EngineHarness(dataSource);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private static FormDefinition order(String extraFields) {
        return order(extraFields, "");
    }

    private static FormDefinition order(String extraFields, String extraAttributes) {
        return FormJson.read("""
                {"key":"order","app":"crm","label":{"en":"Order","zh-CN":"订单"},"titleField":"name",
                 "fields":[
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"金额"}}%s]%s}
                """.formatted(extraFields, extraAttributes));
    }

    private static void publishDraft(EngineServices node, Actor actor, FormDefinition definition) {
        FormService forms = node.forms();
        if (forms.exists(definition.key())) {
            forms.updateDraft(actor, definition.key(), forms.draft(actor, definition.key()).draftRevision(),
                    definition);
        } else {
            forms.create(actor, definition);
        }
        forms.publish(actor, definition.key(), false);
    }

    @Test
    void aFormPublishedOnOneNodeValidatesSavesOnTheOtherAtOnce() {
        publishDraft(nodeA.engine, admin, order(""));
        // node B reads (and caches) version 1
        FormRecord first = nodeB.engine.records().create(admin, "order", Map.of("name", "first", "amount", 5));
        assertThat(first.formVersion()).isEqualTo(1);

        publishDraft(nodeA.engine, admin, order("""
                ,{"key":"region","type":"text","label":{"en":"Region"},"required":true}""", """
                ,"rules":[{"key":"minimum","expression":"amount >= 10","fields":["amount"],
                           "message":{"en":"At least 10","zh-CN":"至少 10"}}]"""));

        assertThatThrownBy(() -> nodeB.engine.records().create(admin, "order", Map.of("name", "small", "amount", 5,
                "region", "east")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("amount"));
        assertThatThrownBy(() -> nodeB.engine.records().create(admin, "order", Map.of("name", "no region",
                "amount", 20)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("region"));
        FormRecord second = nodeB.engine.records().create(admin, "order", Map.of("name", "big", "amount", 20,
                "region", "east"));
        assertThat(second.formVersion()).isEqualTo(2);
        assertThat(nodeA.engine.records().get(admin, "order", second.id()).values())
                .containsEntry("region", "east").containsEntry("amount", new BigDecimal("20.00"));
    }

    @Test
    void publishesOfOneFormFromTwoNodesRunOneAfterTheOther() throws Exception {
        FormDefinition definition = order("""
                ,{"key":"region","type":"text","label":{"en":"Region"}},
                 {"key":"due","type":"date","label":{"en":"Due"}}""");
        nodeA.engine.forms().create(admin, definition);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<PublishResult> onA = pool.submit(() -> {
                start.await();
                return nodeA.engine.forms().publish(admin, "order", false);
            });
            Future<PublishResult> onB = pool.submit(() -> {
                start.await();
                return nodeB.engine.forms().publish(admin, "order", false);
            });
            List<PublishResult> results = List.of(onA.get(), onB.get());
            assertThat(results).extracting(PublishResult::version).containsExactlyInAnyOrder(1, 2);
            // the second saw the first's tables: it had nothing left to change
            PublishResult later = results.stream().filter(r -> r.version() == 2).findFirst().orElseThrow();
            PublishResult earlier = results.stream().filter(r -> r.version() == 1).findFirst().orElseThrow();
            assertThat(earlier.changes()).isNotEmpty();
            assertThat(later.changes()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertThat(new DatabaseLock(nodeA.dsl, nodeA.transactions, nodeA.clock)
                .holder(FormService.publishLockName("order"))).isNull();
    }

    @Test
    void aHeldLockIsRefusedToTheOtherNodeUntilReleased() {
        DatabaseLock onA = new DatabaseLock(nodeA.dsl, nodeA.transactions, nodeA.clock);
        DatabaseLock onB = new DatabaseLock(nodeB.dsl, nodeB.transactions, nodeB.clock);
        DatabaseLock.Lease lease = onA.tryAcquire("publish:order", Duration.ofMinutes(5));
        assertThat(lease).isNotNull();
        assertThat(onB.holder("publish:order")).isEqualTo(lease.holder());
        assertThat(onB.tryAcquire("publish:order", Duration.ofMinutes(5))).isNull();
        assertThat(onB.tryAcquire("publish:other", Duration.ofMinutes(5))).isNotNull();
        assertThatThrownBy(() -> onB.acquire("publish:order", Duration.ofMinutes(5), Duration.ofMillis(50)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("lock_busy"));

        lease.close();
        assertThat(onB.holder("publish:order")).isNull();
        assertThat(onB.tryAcquire("publish:order", Duration.ofMinutes(5))).isNotNull();
    }

    @Test
    void theLeaseOfANodeThatDiedRunsOutAndItsLateReleaseFreesNothing() {
        DatabaseLock onA = new DatabaseLock(nodeA.dsl, nodeA.transactions, nodeA.clock);
        DatabaseLock onB = new DatabaseLock(nodeB.dsl, nodeB.transactions, nodeB.clock);
        DatabaseLock.Lease dead = onA.tryAcquire("publish:order", Duration.ofMinutes(1));
        assertThat(dead).isNotNull();

        nodeB.clock.advance(Duration.ofSeconds(59));
        assertThat(onB.tryAcquire("publish:order", Duration.ofMinutes(1))).isNull();
        nodeB.clock.advance(Duration.ofSeconds(2));
        DatabaseLock.Lease taken = onB.tryAcquire("publish:order", Duration.ofMinutes(1));
        assertThat(taken).isNotNull();

        dead.close();
        assertThat(onB.holder("publish:order")).isEqualTo(taken.holder());
    }
}
