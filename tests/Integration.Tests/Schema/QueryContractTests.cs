namespace K2Orleans.Integration.Tests.Schema;

/// <summary>
/// The installed query texts against the contract Orleans relies on (orleans-10-notes.md section 2),
/// above all the conditional writes: a write with a stale version changes nothing, and of racing
/// writers exactly one wins.
/// </summary>
public sealed class QueryContractTests(InstalledSchemaFixture schema) : IClassFixture<InstalledSchemaFixture>
{
    // Every grain here has the same two hashes, so the queries must tell grains apart by the full key.
    private const int SharedHash = 7;
    private const int Racers = 12;
    private const int RaceRounds = 5;

    private OrleansQueryRunner Queries => schema.Queries;

    [Fact]
    public async Task StorageWriteWithoutEtagInsertsVersionOneOnlyWhileTheGrainHasNoRow()
    {
        var key = NewKey();

        var first = await WriteAsync(key, etag: null, [1, 2, 3]);
        var second = await WriteAsync(key, etag: null, [4]);

        Assert.Equal(1, first);
        Assert.Null(second);
        await AssertStoredAsync(key, [1, 2, 3], 1);
    }

    [Fact]
    public async Task StorageWriteNeedsTheCurrentEtagAndBumpsIt()
    {
        var key = NewKey();
        await WriteAsync(key, etag: null, [1]);

        var current = await WriteAsync(key, etag: 1, [2]);
        var stale = await WriteAsync(key, etag: 1, [3]);

        Assert.Equal(2, current);
        Assert.Null(stale);
        await AssertStoredAsync(key, [2], 2);
    }

    [Fact]
    public async Task StorageKeepsGrainsWithEqualHashesApart()
    {
        var (first, second) = (NewKey(), NewKey());

        await WriteAsync(first, etag: null, [1]);
        await WriteAsync(second, etag: null, [2]);

        await AssertStoredAsync(first, [1], 1);
        await AssertStoredAsync(second, [2], 1);
    }

    [Fact]
    public async Task RacingFirstWritesOfOneGrainHaveExactlyOneWinner()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var key = NewKey();

            var results = await Queries.RaceScalarAsync("WriteToStorageKey", Enumerable.Range(1, Racers)
                .Select(i => GrainKey(key, ("GrainStateVersion", null), ("PayloadBinary", new[] { (byte)i }))));

            var winner = Assert.Single(Enumerable.Range(0, Racers), index => results[index] is not null);
            Assert.Equal(1L, Convert.ToInt64(results[winner]));
            await AssertStoredAsync(key, [(byte)(winner + 1)], 1);
        }
    }

    [Fact]
    public async Task StorageClearKeepsTheRowWithoutPayloadAndDeleteRemovesIt()
    {
        var key = NewKey();
        await WriteAsync(key, etag: null, [1]);

        var cleared = await Queries.ScalarAsync("ClearStorageKey", GrainKey(key, ("GrainStateVersion", 1)));
        var staleClear = await Queries.ScalarAsync("ClearStorageKey", GrainKey(key, ("GrainStateVersion", 1)));
        var afterClear = await ReadAsync(key);
        var staleDelete = await Queries.ScalarAsync("DeleteStorageKey", GrainKey(key, ("GrainStateVersion", 1)));
        var deleted = await Queries.ScalarAsync("DeleteStorageKey", GrainKey(key, ("GrainStateVersion", 2)));

        Assert.Equal(2L, Convert.ToInt64(cleared));
        Assert.Equal(1L, Convert.ToInt64(staleClear));
        Assert.Equal((null, 2), afterClear);
        Assert.Equal(1L, Convert.ToInt64(staleDelete));
        Assert.NotEqual(2L, Convert.ToInt64(deleted));
        Assert.Equal((null, null), await ReadAsync(key));
    }

    [Fact]
    public async Task MembershipInsertNeedsTheCurrentTableVersionAndANewRow()
    {
        var cluster = NewKey();
        Assert.True(await InsertVersionRowAsync(cluster));

        var stale = await InsertSiloAsync(cluster, port: 1000, version: 5);
        var current = await InsertSiloAsync(cluster, port: 1000, version: 0);
        var duplicate = await InsertSiloAsync(cluster, port: 1000, version: 1);

        Assert.False(stale);
        Assert.True(current);
        Assert.False(duplicate);
        var rows = await Queries.RunAsync("MembershipReadAllKey", ("DeploymentId", cluster));
        Assert.Equal(1000, Convert.ToInt32(Assert.Single(rows)["Port"]));
        Assert.Equal(1, await TableVersionAsync(cluster));
    }

    [Fact]
    public async Task RacingMembershipInsertsOnOneVersionHaveExactlyOneWinner()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var cluster = NewKey();
            await InsertVersionRowAsync(cluster);

            var results = await Queries.RaceScalarAsync("InsertMembershipKey", Enumerable.Range(0, Racers)
                .Select(i => NewSilo(cluster, port: 2000 + i, version: 0)));

            Assert.Single(results, Convert.ToBoolean);
            Assert.Single(await Queries.RunAsync("MembershipReadAllKey", ("DeploymentId", cluster)));
            Assert.Equal(1, await TableVersionAsync(cluster));
        }
    }

    [Fact]
    public async Task MembershipUpdateNeedsTheCurrentVersionAndAnExistingRow()
    {
        var cluster = NewKey();
        await InsertVersionRowAsync(cluster);
        await InsertSiloAsync(cluster, port: 3000, version: 0);

        var missingRow = await UpdateSiloAsync(cluster, port: 3999, status: 6, version: 1);
        var stale = await UpdateSiloAsync(cluster, port: 3000, status: 6, version: 0);
        var versionAfterFailures = await TableVersionAsync(cluster);
        var current = await UpdateSiloAsync(cluster, port: 3000, status: 6, version: 1);

        Assert.False(missingRow);
        Assert.False(stale);
        Assert.Equal(1, versionAfterFailures);
        Assert.True(current);
        Assert.Equal(2, await TableVersionAsync(cluster));
        Assert.Equal(6, Convert.ToInt32(Assert.Single(await ReadSiloAsync(cluster, 3000))["Status"]));
    }

    [Fact]
    public async Task DefunctSiloEntryIsDeletedOnlyWhileDeadAndUnchanged()
    {
        var cluster = NewKey();
        await InsertVersionRowAsync(cluster);
        await InsertSiloAsync(cluster, port: 4000, version: 0);
        await InsertSiloAsync(cluster, port: 4001, version: 1);
        await UpdateSiloAsync(cluster, port: 4000, status: 6, version: 2, suspectTimes: "127.0.0.1:4001@1,2026-01-01 00:00:00.000 GMT");
        var capturedDead = Assert.Single(await ReadSiloAsync(cluster, 4000));
        var capturedActive = Assert.Single(await ReadSiloAsync(cluster, 4001));

        await Queries.RunAsync("UpdateIAmAlivetimeKey", Silo(cluster, 4000, ("IAmAliveTime", DateTime.UtcNow.AddMinutes(1))));
        await CleanupAsync(cluster, capturedDead);
        var deadAfterStaleCleanup = await ReadSiloAsync(cluster, 4000);
        await CleanupAsync(cluster, Assert.Single(deadAfterStaleCleanup));
        await CleanupAsync(cluster, capturedActive);

        Assert.Empty(await ReadSiloAsync(cluster, 4000));
        Assert.Single(await ReadSiloAsync(cluster, 4001));
    }

    [Fact]
    public async Task GatewaysAreTheActiveSilosWithAProxyPort()
    {
        var cluster = NewKey();
        await InsertVersionRowAsync(cluster);
        await InsertSiloAsync(cluster, port: 5000, version: 0);
        await InsertSiloAsync(cluster, port: 5002, version: 1);
        await UpdateSiloAsync(cluster, port: 5002, status: 6, version: 2);

        var gateways = await Queries.RunAsync("GatewaysQueryKey", ("DeploymentId", cluster), ("Status", 3));

        Assert.Equal(5001, Convert.ToInt32(Assert.Single(gateways)["ProxyPort"]));
    }

    [Fact]
    public async Task ReminderUpsertCountsVersionsAndDeleteNeedsTheCurrentOne()
    {
        var service = NewKey();

        var created = await UpsertReminderAsync(service, "job/1", "tick", hash: 1);
        var updated = await UpsertReminderAsync(service, "job/1", "tick", hash: 1);
        var staleDelete = await Queries.ScalarAsync("DeleteReminderRowKey", Reminder(service, "job/1", "tick", ("Version", 0)));
        var stored = await Queries.RunAsync("ReadReminderRowKey", Reminder(service, "job/1", "tick"));
        var delete = await Queries.ScalarAsync("DeleteReminderRowKey", Reminder(service, "job/1", "tick", ("Version", 1)));

        Assert.Equal((0, 1), (created, updated));
        Assert.False(Convert.ToBoolean(staleDelete));
        Assert.Equal(60_000L, Convert.ToInt64(Assert.Single(stored)["Period"]));
        Assert.True(Convert.ToBoolean(delete));
        Assert.Empty(await Queries.RunAsync("ReadReminderRowsKey", ("ServiceId", service), ("GrainId", "job/1")));
    }

    [Fact]
    public async Task ReminderRangesSplitTheRingBySignedHash()
    {
        var service = NewKey();
        foreach (var hash in new[] { -100, 0, 100 })
        {
            await UpsertReminderAsync(service, $"job/{hash}", "tick", hash);
        }

        var plain = await Queries.RunAsync("ReadRangeRows1Key", ("ServiceId", service), ("BeginHash", -50), ("EndHash", 100));
        var wrapping = await Queries.RunAsync("ReadRangeRows2Key", ("ServiceId", service), ("BeginHash", 50), ("EndHash", -50));

        Assert.Equal(["job/0", "job/100"], GrainIds(plain));
        Assert.Equal(["job/-100", "job/100"], GrainIds(wrapping));
    }

    private static string NewKey() => $"k-{Guid.NewGuid():N}";

    private static string[] GrainIds(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        [.. rows.Select(row => (string)row["GrainId"]!).Order(StringComparer.Ordinal)];

    private static (string, object?)[] GrainKey(string key, params (string, object?)[] more) =>
    [
        ("GrainIdHash", SharedHash), ("GrainIdN0", 0L), ("GrainIdN1", 0L), ("GrainTypeHash", SharedHash),
        ("GrainTypeString", "state"), ("GrainIdExtensionString", key), ("ServiceId", "svc"), .. more,
    ];

    private static (string, object?)[] Silo(string cluster, int port, params (string, object?)[] more) =>
        [("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1), .. more];

    private static (string, object?)[] Reminder(string service, string grainId, string name, params (string, object?)[] more) =>
        [("ServiceId", service), ("GrainId", grainId), ("ReminderName", name), .. more];

    private async Task<int?> WriteAsync(string key, int? etag, byte[] payload)
    {
        var version = await Queries.ScalarAsync("WriteToStorageKey", GrainKey(key, ("GrainStateVersion", etag), ("PayloadBinary", payload)));
        return version is null ? null : Convert.ToInt32(version);
    }

    private async Task<(byte[]? Payload, int? Version)> ReadAsync(string key)
    {
        var rows = await Queries.RunAsync("ReadFromStorageKey", GrainKey(key));
        if (rows.Count == 0)
        {
            return (null, null);
        }

        var row = Assert.Single(rows);
        return ((byte[]?)row["PayloadBinary"], Convert.ToInt32(row["Version"]));
    }

    private async Task AssertStoredAsync(string key, byte[] payload, int version)
    {
        var stored = await ReadAsync(key);
        Assert.Equal(payload, stored.Payload);
        Assert.Equal(version, stored.Version);
    }

    private async Task<bool> InsertVersionRowAsync(string cluster) =>
        Convert.ToBoolean(await Queries.ScalarAsync("InsertMembershipVersionKey", ("DeploymentId", cluster)));

    private async Task<bool> InsertSiloAsync(string cluster, int port, int version) =>
        Convert.ToBoolean(await Queries.ScalarAsync("InsertMembershipKey", NewSilo(cluster, port, version)));

    private static (string, object?)[] NewSilo(string cluster, int port, int version)
    {
        var now = DateTime.UtcNow;
        return Silo(
            cluster, port, ("SiloName", $"silo-{port}"), ("HostName", "test-host"), ("Status", 3), ("ProxyPort", port + 1),
            ("StartTime", now), ("IAmAliveTime", now), ("Version", version));
    }

    private async Task<bool> UpdateSiloAsync(string cluster, int port, int status, int version, string? suspectTimes = null) =>
        Convert.ToBoolean(await Queries.ScalarAsync("UpdateMembershipKey", Silo(
            cluster, port, ("Status", status), ("SuspectTimes", suspectTimes), ("IAmAliveTime", DateTime.UtcNow), ("Version", version))));

    private async Task<int> TableVersionAsync(string cluster) =>
        Convert.ToInt32((await Queries.RunAsync("MembershipReadAllKey", ("DeploymentId", cluster)))[0]["Version"]);

    // MembershipReadRowKey always returns the version row; a member exists when StartTime is set.
    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadSiloAsync(string cluster, int port) =>
        [.. (await Queries.RunAsync("MembershipReadRowKey", Silo(cluster, port))).Where(row => row["StartTime"] is not null)];

    private Task CleanupAsync(string cluster, IReadOnlyDictionary<string, object?> captured) =>
        Queries.RunAsync("CleanupDefunctSiloEntryKey", Silo(
            cluster, Convert.ToInt32(captured["Port"]), ("SuspectTimes", captured["SuspectTimes"]),
            ("StartTime", captured["StartTime"]), ("IAmAliveTime", captured["IAmAliveTime"])));

    private async Task<int> UpsertReminderAsync(string service, string grainId, string name, int hash) =>
        Convert.ToInt32(await Queries.ScalarAsync("UpsertReminderRowKey", Reminder(
            service, grainId, name, ("StartTime", DateTime.UtcNow), ("Period", 60_000), ("GrainHash", hash))));
}
