using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace K2Orleans.Integration.Tests.Schema;

public sealed class SchemaInstallerTests
{
    private static readonly string[] Tables =
        ["OrleansQuery", "OrleansMembershipVersionTable", "OrleansMembershipTable", "OrleansStorage", "OrleansRemindersTable"];

    // The keys Orleans 10.4.2 reads (orleans-10-notes.md section 2): 9 clustering keys plus the
    // optional CleanupDefunctSiloEntryKey, 4 persistence keys, 7 reminder keys.
    private static readonly string[] QueryKeys =
    [
        "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipVersionKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private readonly MySqlSchemaInstaller installer = new(NullLogger<MySqlSchemaInstaller>.Instance);

    [Fact]
    public async Task SecondInstallFindsEverythingPresentAndChangesNothing()
    {
        await using var database = await NewDatabaseAsync();

        var first = await installer.InstallAsync(database.ConnectionString, CancellationToken.None);
        var second = await installer.InstallAsync(database.ConnectionString, CancellationToken.None);

        Assert.Equal(["00-main.sql", "10-clustering.sql", "20-persistence.sql", "30-reminders.sql"], first.Scripts);
        Assert.Equal(Sorted(Tables), Sorted(first.TablesCreated));
        Assert.Empty(first.TablesAlreadyPresent);
        Assert.Equal(Sorted(QueryKeys), Sorted(first.QueriesInserted));
        Assert.Empty(second.TablesCreated);
        Assert.Equal(Sorted(Tables), Sorted(second.TablesAlreadyPresent));
        Assert.Empty(second.QueriesInserted);
        Assert.Empty(second.QueriesUpdated);
        Assert.Equal(Sorted(QueryKeys), Sorted(second.QueriesUnchanged));
        Assert.True(second.WasUpToDate);
    }

    [Fact]
    public async Task ReinstallRestoresAnOutdatedQueryTextAndKeepsTheData()
    {
        await using var database = await NewDatabaseAsync();
        await installer.InstallAsync(database.ConnectionString, CancellationToken.None);
        await ExecuteAsync(database, "UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'GatewaysQueryKey'");
        await ExecuteAsync(database, "INSERT INTO OrleansRemindersTable VALUES ('svc', 'grain/1', 'kept', UTC_TIMESTAMP(), 60000, 5, 0)");

        var report = await installer.InstallAsync(database.ConnectionString, CancellationToken.None);

        Assert.Equal(["GatewaysQueryKey"], report.QueriesUpdated);
        Assert.False(report.WasUpToDate);
        Assert.Contains("OrleansMembershipTable", await ScalarAsync(database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'") as string);
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'kept'")));
    }

    [Fact]
    public async Task ConnectionStringWithoutDatabaseIsRefusedWithTheReason()
    {
        var server = await MariaDbServer.GetSharedAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => installer.InstallAsync(server.AdminConnectionString, CancellationToken.None));

        Assert.Contains("names no database", error.Message, StringComparison.Ordinal);
    }

    private static async Task<TestDatabase> NewDatabaseAsync() =>
        await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("schema");

    private static string[] Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(TestDatabase database, string sql)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
