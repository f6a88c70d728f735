-- Named leases that serialise work across application nodes on one database (e.g. the schema
-- change of one form at a time). A lease, not a held connection: H2 commits DDL, and a crashed
-- node's lease runs out by itself.
CREATE TABLE cluster_lock (
    lock_name    VARCHAR(100) NOT NULL PRIMARY KEY,
    holder       VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE
);
