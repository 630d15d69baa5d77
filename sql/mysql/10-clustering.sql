-- K2Orleans: cluster membership tables and queries (Orleans ADO.NET clustering provider).
-- Requires 00-main.sql. Idempotent; see 00-main.sql and ../README.md.
--
-- Consistency protocol: OrleansMembershipVersionTable holds one row per cluster (DeploymentId)
-- whose Version is the table ETag. A membership insert or update succeeds only when the caller
-- read the current Version, and then the row change and Version + 1 commit together; on any
-- mismatch neither happens and the query returns 0. Every such write first locks the version
-- row of its cluster (a no-op UPDATE), so membership writers of one cluster run one at a time
-- and the decisions taken inside the transaction cannot be invalidated by another writer.
-- Heartbeats (UpdateIAmAlivetimeKey) touch only their own row and never the Version.
--
-- Times are DATETIME(3) in UTC (Orleans writes UTC), never TIMESTAMP, which MySQL would shift
-- by the session time zone.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    Timestamp    DATETIME(3) NOT NULL,
    Version      INT NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    Address      VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Port         INT NOT NULL,
    Generation   INT NOT NULL,
    SiloName     VARCHAR(150) NOT NULL,
    HostName     VARCHAR(150) NOT NULL,
    Status       INT NOT NULL,
    ProxyPort    INT NOT NULL DEFAULT 0,
    SuspectTimes TEXT NULL,
    StartTime    DATETIME(3) NOT NULL,
    IAmAliveTime DATETIME(3) NOT NULL,

    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Query texts. They reference Orleans' parameters as @Name. Results that Orleans reads as a
-- single boolean are one column, > 0 meaning success. InsertMembershipVersionKey reports
-- whether it created the row only for Orleans' log: with MySqlConnector's default found-rows
-- mode an existing row also counts as 1. CleanupDefunctSiloEntryKey is optional for Orleans
-- 10.4 and, when present, is used instead of the bulk CleanupDefunctSiloEntriesKey: it
-- deletes one Dead row only if the values Orleans captured are still the stored ones.
REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    'INSERT INTO OrleansMembershipVersionTable (DeploymentId, Timestamp, Version)
     VALUES (@DeploymentId, UTC_TIMESTAMP(3), 0)
     ON DUPLICATE KEY UPDATE Version = Version;
     SELECT ROW_COUNT() = 1 AS Inserted;'
),
(
    'MembershipReadAllKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
            m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
     FROM OrleansMembershipVersionTable v
     LEFT OUTER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;'
),
(
    'MembershipReadRowKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
            m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
     FROM OrleansMembershipVersionTable v
     LEFT OUTER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
          AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;'
),
(
    'InsertMembershipKey',
    'START TRANSACTION;
     UPDATE OrleansMembershipVersionTable SET Version = Version WHERE DeploymentId = @DeploymentId;
     INSERT INTO OrleansMembershipTable
         (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
          SuspectTimes, StartTime, IAmAliveTime)
     SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
            NULL, @StartTime, @IAmAliveTime
     FROM DUAL
     WHERE @Version = (SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId)
       AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                       WHERE DeploymentId = @DeploymentId AND Address = @Address
                         AND Port = @Port AND Generation = @Generation);
     UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = UTC_TIMESTAMP(3)
     WHERE DeploymentId = @DeploymentId AND Version = @Version AND ROW_COUNT() > 0;
     SELECT ROW_COUNT() > 0 AS Inserted;
     COMMIT;'
),
(
    'UpdateMembershipKey',
    'START TRANSACTION;
     UPDATE OrleansMembershipVersionTable SET Version = Version WHERE DeploymentId = @DeploymentId;
     UPDATE OrleansMembershipTable
     SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
       AND @Version = (SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId);
     UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = UTC_TIMESTAMP(3)
     WHERE DeploymentId = @DeploymentId AND Version = @Version
       AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                   WHERE DeploymentId = @DeploymentId AND Address = @Address
                     AND Port = @Port AND Generation = @Generation);
     SELECT ROW_COUNT() > 0 AS Updated;
     COMMIT;'
),
(
    'UpdateIAmAlivetimeKey',
    'UPDATE OrleansMembershipTable SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'
),
(
    'GatewaysQueryKey',
    'SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'
),
(
    'DeleteMembershipTableEntriesKey',
    'START TRANSACTION;
     DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
     DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
     COMMIT;'
),
(
    'CleanupDefunctSiloEntriesKey',
    'DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime;'
),
(
    'CleanupDefunctSiloEntryKey',
    'DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
       AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, SPACE(0)) = COALESCE(@SuspectTimes, SPACE(0));'
);
