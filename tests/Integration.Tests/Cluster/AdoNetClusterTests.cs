using System.Security.Cryptography;
using K2Orleans.Integration.Tests.Grains;
using K2Orleans.Integration.Tests.Hosting;
using K2Orleans.TestSupport;
using MySqlConnector;

namespace K2Orleans.Integration.Tests.Cluster;

/// <summary>A silo on the project's MySQL scripts: clustering, grain storage and reminders through MariaDB.</summary>
public sealed class AdoNetClusterTests(AdoNetClusterFixture cluster) : IClassFixture<AdoNetClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ClientFindsTheGatewayInTheTableAndCallsAGrain()
    {
        var rows = await MembershipRow.ReadAsync(cluster.ConnectionString, cluster.ClusterId);

        var answer = await cluster.Client.GetGrain<IEchoGrain>("echo-1").EchoAsync("hello");

        Assert.Equal("echo-1: hello", answer);
        var silo = Assert.Single(rows);
        Assert.Equal(MembershipRow.Active, silo.Status);
        Assert.True(silo.ProxyPort > 0, "the silo must publish a gateway port for clients");
    }

    [Fact]
    public async Task StateLargerThan64KbIsReadBackFromTheDatabaseAfterDeactivation()
    {
        var key = $"payload-{Guid.NewGuid():N}";
        var grain = cluster.Client.GetGrain<IPayloadGrain>(key);
        var payload = RandomNumberGenerator.GetBytes(200 * 1024);

        await grain.SaveAsync(payload);
        var firstActivation = await grain.GetActivationTokenAsync();
        await grain.DeactivateAsync();
        await WaitFor.ConditionAsync(
            "the payload grain to come back as a new activation",
            async () => await grain.GetActivationTokenAsync() != firstActivation,
            Patience);

        Assert.Equal(payload, await grain.GetPayloadAsync());
        Assert.True(await StoredPayloadLengthAsync(key) > payload.Length, "the row must hold the whole serialized state");
    }

    [Fact]
    public async Task ReminderIsStoredInTheTableAndFires()
    {
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>($"reminder-{Guid.NewGuid():N}");

        await grain.StartAsync(TimeSpan.FromSeconds(1));
        var storedAfterStart = await CountReminderRowsAsync(grain.GetGrainId().ToString());
        await WaitFor.ConditionAsync("the reminder to fire twice", async () => await grain.GetTickCountAsync() >= 2, Patience);
        await grain.StopAsync();

        Assert.Equal(1, storedAfterStart);
        Assert.Equal(0, await CountReminderRowsAsync(grain.GetGrainId().ToString()));
    }

    private async Task<long> StoredPayloadLengthAsync(string key)
    {
        await using var connection = new MySqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT LENGTH(PayloadBinary) FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @key",
            connection);
        command.Parameters.AddWithValue("state", PayloadGrain.StateName);
        command.Parameters.AddWithValue("key", key);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<long> CountReminderRowsAsync(string grainId)
    {
        await using var connection = new MySqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND GrainId = @grain AND ReminderName = @name",
            connection);
        command.Parameters.AddWithValue("service", TestHosts.ServiceId);
        command.Parameters.AddWithValue("grain", grainId);
        command.Parameters.AddWithValue("name", ReminderProbeGrain.ReminderName);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
