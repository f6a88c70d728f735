-- Row locks by name for databases without advisory locks (H2): a transaction that must not run
-- alongside another doing the same thing (filing the same engine-made record, e.g. a rep's weekly
-- scorecard) inserts or locks the row named after that thing and holds it until it ends.
-- PostgreSQL uses pg_advisory_xact_lock instead and leaves this table empty.
CREATE TABLE value_lock (
    lock_key VARCHAR(300) NOT NULL PRIMARY KEY
);
