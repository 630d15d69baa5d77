using K2Orleans.MultiHost.Tests.Support;
using MySqlConnector;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// Job state in MySQL: larger than the 64 KB a plain BLOB column holds, and read back after the silo dies. The silo
/// installs the schema itself here (Storage:InstallSchema), on the empty database and again at its restart.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class JobStateTests(MariaDbFixture mariaDb)
{
    // Every combination fails at its base layer, and failures are recorded one group per message (the message names
    // the file): 256 broken bases with long file names give 256 recorded errors of about 250 bytes, and the stored
    // spec names every file again.
    private const int Bases = 256;
    private const int Toppers = 4;
    private const int Total = Bases * Toppers;

    [Fact]
    public async Task ShouldPersistAJobStateLargerThan64KbAndReadItBackAfterAKill()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1, installSchemaAtStart: true);
        await cluster.StartAllAsync();
        var jobId = await cluster.SubmitAsync(CorruptTrophy.Write(cluster.Root, Bases, Toppers));
        var finished = await cluster.WaitForEndAsync(jobId);
        var storedBytes = await StoredJobStateBytesAsync(cluster);

        cluster.KillAll();
        await cluster.StartAllAsync();
        var readBack = cluster.Job(jobId)!.Value;

        Assert.Equal(Total, finished.GetProperty("failed").GetInt64());
        Assert.True(storedBytes > 64 * 1024, $"the stored job state is {storedBytes} bytes; 256 long recorded errors and the spec should take more than 64 KB");
        Assert.Equal(finished.GetProperty("status").GetString(), readBack.GetProperty("status").GetString());
        Assert.Equal(Total, readBack.GetProperty("failed").GetInt64());
        Assert.Equal(20, readBack.GetProperty("errors").GetArrayLength());
        Assert.All(readBack.GetProperty("errors").EnumerateArray(), error =>
            Assert.Contains("cannot be decoded", error.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    private static async Task<long> StoredJobStateBytesAsync(MySqlCluster cluster)
    {
        await using var connection = new MySqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT MAX(LENGTH(PayloadBinary)) FROM OrleansStorage WHERE GrainTypeString = 'trophyJob'", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
