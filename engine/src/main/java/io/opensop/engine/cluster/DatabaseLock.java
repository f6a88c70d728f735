package io.opensop.engine.cluster;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.error.ConflictException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Named locks shared by every node on one database: a row in {@code cluster_lock} leased to one
 * holder until a time. A lease rather than a row lock held open, because the work it guards may
 * span several transactions (DDL commits on H2) and a node that dies must not block the others
 * for ever: its lease simply runs out. Works the same on H2 and PostgreSQL.
 */
public final class DatabaseLock {

    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final Field<String> LOCK_NAME = DSL.field(DSL.unquotedName("lock_name"), SQLDataType.VARCHAR);

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final Clock clock;

    public DatabaseLock(DSLContext dsl, TransactionOperations transactions, Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One attempt: the lease if nobody holds {@code name} (or the holder's lease ran out), else null. */
    public Lease tryAcquire(String name, Duration lease) {
        String holder = NODE + "/" + UUID.randomUUID();
        OffsetDateTime now = now();
        ensureRow(name);
        Integer taken = transactions.execute(status -> dsl.execute("update cluster_lock set holder = ?, locked_until = ? where lock_name = ?"
                            + " and (holder is null or locked_until is null or locked_until < ?)",
                    holder, timestamp(now.plus(lease)), name, timestamp(now)));
        return taken != null && taken == 1 ? new Lease(name, holder) : null;
    }

    /** The lock's row, made on first use; when two nodes make it at once, one insert loses and that is fine. */
    private void ensureRow(String name) {
        try {
            transactions.executeWithoutResult(status -> dsl.execute("insert into cluster_lock (lock_name)"
                    + " select cast(? as varchar(100)) where not exists (select 1 from cluster_lock where lock_name = ?)",
                    name, name));
        } catch (DataAccessException | org.springframework.dao.DataAccessException raced) {
            if (dsl.fetchCount(DSL.selectOne().from(DSL.table(DSL.unquotedName("cluster_lock")))
                    .where(LOCK_NAME.eq(name))) == 0) {
                throw raced;
            }
        }
    }

    /**
     * Waits (polling with a short back-off) until the lock is free, at most {@code maxWait}.
     *
     * @throws ConflictException {@code lock_busy} when another holder kept it longer
     */
    public Lease acquire(String name, Duration lease, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            Lease taken = tryAcquire(name, lease);
            if (taken != null) {
                return taken;
            }
            if (System.nanoTime() + pause > deadline) {
                throw new ConflictException("lock_busy", name + " is held by another node", null);
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ConflictException("lock_busy", "interrupted while waiting for " + name, null);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /** Who holds {@code name} now, or null; for diagnostics and tests. */
    public String holder(String name) {
        return dsl.fetchOptional("select holder from cluster_lock where lock_name = ? and locked_until >= ?", name,
                timestamp(now())).map(r -> r.get(0, String.class)).orElse(null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A held lock; closing it frees the lock unless the lease ran out and someone else took it. */
    public final class Lease implements AutoCloseable {

        private final String name;
        private final String holder;

        private Lease(String name, String holder) {
            this.name = name;
            this.holder = holder;
        }

        public String holder() {
            return holder;
        }

        @Override
        public void close() {
            transactions.executeWithoutResult(status -> dsl.execute("update cluster_lock set holder = null,"
                    + " locked_until = null where lock_name = ? and holder = ?", name, holder));
        }
    }
}
