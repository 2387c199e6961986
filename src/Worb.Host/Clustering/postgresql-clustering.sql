-- Worb's Orleans membership schema for PostgreSQL (ADO.NET clustering, --clustering postgres).
--
-- Orleans' ADO.NET clustering provider reads its SQL from the table orleansquery (QueryKey -> QueryText) and
-- binds named parameters (@DeploymentId is the cluster id, @Address/@Port/@Generation name a silo, @Version is
-- the membership version the silo last read). Worb applies this script at every silo start, inside a transaction
-- holding an advisory lock, so silos starting together on an empty database don't race; every statement is
-- idempotent, and the query rows are rewritten so a newer Worb brings its queries along.
--
-- Membership writes are optimistic: an insert or update succeeds only while the cluster's version row still has
-- the version the silo read, and it increments that version in the same statement. The row lock taken by that
-- UPDATE serialises competing writers; the loser sees a changed version, writes nothing and answers false.

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey   varchar(64) PRIMARY KEY,
    querytext  text NOT NULL
);

-- One row per cluster: the membership table's version (its etag).
CREATE TABLE IF NOT EXISTS worb_membership_version (
    deploymentid  varchar(150) PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus (3 = Active, 6 = Dead).
CREATE TABLE IF NOT EXISTS worb_membership (
    deploymentid  varchar(150) NOT NULL,
    address       varchar(45) NOT NULL,
    port          integer NOT NULL,
    generation    integer NOT NULL,
    siloname      varchar(150) NOT NULL,
    hostname      varchar(150) NOT NULL,
    status        integer NOT NULL,
    proxyport     integer NOT NULL DEFAULT 0,
    suspecttimes  text,
    starttime     timestamptz NOT NULL,
    iamalivetime  timestamptz NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $query$
    WITH created AS (
        INSERT INTO worb_membership_version (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 FROM created
$query$),

('MembershipReadAllKey', $query$
    SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.siloname AS "SiloName", m.hostname AS "HostName", m.status AS "Status", m.proxyport AS "ProxyPort",
           m.suspecttimes AS "SuspectTimes", m.starttime AS "StartTime", m.iamalivetime AS "IAmAliveTime"
    FROM worb_membership_version v
    LEFT JOIN worb_membership m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId
$query$),

('MembershipReadRowKey', $query$
    SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.siloname AS "SiloName", m.hostname AS "HostName", m.status AS "Status", m.proxyport AS "ProxyPort",
           m.suspecttimes AS "SuspectTimes", m.starttime AS "StartTime", m.iamalivetime AS "IAmAliveTime"
    FROM worb_membership_version v
    LEFT JOIN worb_membership m
        ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId
$query$),

('InsertMembershipKey', $query$
    WITH claimed AS (
        UPDATE worb_membership_version
        SET version = version + 1, updated_at = now()
        WHERE deploymentid = @DeploymentId AND version = @Version
          AND NOT EXISTS (
              SELECT 1 FROM worb_membership
              WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ), added AS (
        INSERT INTO worb_membership
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM claimed
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 FROM added
$query$),

('UpdateMembershipKey', $query$
    WITH claimed AS (
        UPDATE worb_membership_version
        SET version = version + 1, updated_at = now()
        WHERE deploymentid = @DeploymentId AND version = @Version
          AND EXISTS (
              SELECT 1 FROM worb_membership
              WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ), changed AS (
        UPDATE worb_membership m
        SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
        FROM claimed
        WHERE m.deploymentid = claimed.deploymentid
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING 1
    )
    SELECT count(*) > 0 FROM changed
$query$),

-- The heartbeat: no version change, other silos only read it.
('UpdateIAmAlivetimeKey', $query$
    UPDATE worb_membership
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$query$),

('GatewaysQueryKey', $query$
    SELECT address AS "Address", proxyport AS "ProxyPort", generation AS "Generation"
    FROM worb_membership
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$query$),

('DeleteMembershipTableEntriesKey', $query$
    WITH silos AS (
        DELETE FROM worb_membership WHERE deploymentid = @DeploymentId
    )
    DELETE FROM worb_membership_version WHERE deploymentid = @DeploymentId
$query$),

-- Rows of dead silos whose last heartbeat is older than the cut-off.
('CleanupDefunctSiloEntriesKey', $query$
    DELETE FROM worb_membership
    WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status = 6
$query$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
