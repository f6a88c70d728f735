-- Failed sign-ins per user name, shared by every node so a lockout holds across the cluster.
CREATE TABLE login_failure (
    username     VARCHAR(64) NOT NULL PRIMARY KEY,
    failures     INT         NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE
);
