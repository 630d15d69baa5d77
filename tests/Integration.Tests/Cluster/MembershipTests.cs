using K2Orleans.Integration.Tests.Hosting;
using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.Integration.Tests.Cluster;

/// <summary>Two silos of one cluster in the membership table, and what a graceful stop leaves there.</summary>
public sealed class MembershipTests(MariaDbDatabaseFixture database) : IClassFixture<MariaDbDatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TwoSilosBecomeActiveAndAGracefulStopMarksTheSiloDead()
    {
        var connectionString = database.Database.ConnectionString;
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(connectionString, CancellationToken.None);
        var clusterId = TestHosts.NewClusterId();
        IHost? first = null;
        IHost? second = null;
        try
        {
            first = await TestHosts.StartSiloAsync(connectionString, clusterId);
            second = await TestHosts.StartSiloAsync(connectionString, clusterId);
            var secondAddress = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var firstAddress = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

            await WaitFor.ConditionAsync(
                "both silos to be Active in OrleansMembershipTable",
                async () => (await MembershipRow.ReadAsync(connectionString, clusterId)).Count(row => row.Status == MembershipRow.Active) == 2,
                Patience);

            await TestHosts.StopAsync(second);
            second = null;
            await WaitFor.ConditionAsync(
                "the stopped silo's row to say Dead",
                async () => (await MembershipRow.ReadAsync(connectionString, clusterId)).Any(row => IsRowOf(row, secondAddress) && row.Status == MembershipRow.Dead),
                Patience);

            var rows = await MembershipRow.ReadAsync(connectionString, clusterId);
            Assert.Equal(2, rows.Count);
            Assert.Equal(MembershipRow.Active, Assert.Single(rows, row => IsRowOf(row, firstAddress)).Status);
        }
        finally
        {
            await TestHosts.StopAsync(second);
            await TestHosts.StopAsync(first);
        }
    }

    private static bool IsRowOf(MembershipRow row, SiloAddress silo) =>
        row.Port == silo.Endpoint.Port && row.Generation == silo.Generation && row.Address == silo.Endpoint.Address.ToString();
}
