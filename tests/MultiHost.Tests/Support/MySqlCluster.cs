using System.Text;
using System.Text.Json;
using K2Orleans.Hosting;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>
/// Silo processes clustering through one database of a private MariaDB, as separate hosts would: each silo has its
/// own working folder and ports, all of them write to one shared output folder (NFS in production), and the schema
/// comes from <c>k2 db init</c>, the operator's install step.
/// </summary>
public sealed class MySqlCluster : IAsyncDisposable
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly TestDatabase database;

    private MySqlCluster(
        string root, TestDatabase database, int silos, int renderLimit, bool installSchemaAtStart, IReadOnlyDictionary<string, string>? settings,
        IReadOnlyList<NetworkHost>? hosts)
    {
        Root = root;
        this.database = database;
        RenderLimit = renderLimit;
        Settings = new Dictionary<string, string>
        {
            ["K2__Cluster__Mode"] = "MySql",
            ["K2__Cluster__ConnectionString"] = database.ConnectionString,
            ["K2__Cluster__ClusterId"] = ClusterId,
            ["K2__Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["K2__Storage__InstallSchema"] = installSchemaAtStart ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            Settings[key] = value;
        }

        Silos = [.. Enumerable.Range(1, silos).Select(i => hosts is null
            ? new Daemon(Folder(root, i), renderLimit: renderLimit, settings: Settings)
            : new Daemon(Folder(root, i), renderLimit: renderLimit, settings: OnHost(hosts[i - 1]), host: hosts[i - 1]))];
    }

    public string Root { get; }

    public string OutputRoot => Path.Combine(Root, "out");

    public string ClusterId { get; } = $"k2-multi-{Guid.NewGuid().ToString("N")[..8]}";

    public string ConnectionString => database.ConnectionString;

    public int RenderLimit { get; }

    /// <summary>The settings every host shares (what /etc/k2orleans/appsettings.json would hold).</summary>
    public Dictionary<string, string> Settings { get; }

    public IReadOnlyList<Daemon> Silos { get; }

    public IEnumerable<Daemon> Running => Silos.Where(s => s.IsRunning);

    /// <summary>
    /// A fresh database, its schema installed by <c>k2 db init</c> (the operator's step) or, with
    /// <paramref name="installSchemaAtStart"/>, left empty for the silos' <c>Storage:InstallSchema</c>; no silo started yet.
    /// <paramref name="settings"/> go on top of the shared ones. With <paramref name="hosts"/>, silo i runs on host i of a
    /// test network and advertises its address; otherwise every silo runs here on loopback.
    /// </summary>
    public static async Task<MySqlCluster> CreateAsync(
        MariaDbServer server, int silos, int renderLimit, bool installSchemaAtStart = false, IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyList<NetworkHost>? hosts = null)
    {
        var root = Directory.CreateTempSubdirectory("k2-multi-").FullName;
        var cluster = new MySqlCluster(root, await server.CreateDatabaseAsync("multi"), silos, renderLimit, installSchemaAtStart, settings, hosts);
        if (!installSchemaAtStart)
        {
            var init = await K2Process.RunAsync(root, CommandTimeout, "db", "init", "--connection", cluster.ConnectionString);
            Assert.True(init.Process.ExitCode == 0, $"k2 db init failed: {init.StandardOutput}{init.StandardError}");
        }

        return cluster;
    }

    private static string Folder(string root, int silo) => Directory.CreateDirectory(Path.Combine(root, $"silo-{silo}")).FullName;

    /// <summary>The shared settings, but advertising <paramref name="host"/>'s address (its /etc/k2orleans/appsettings.json).</summary>
    private Dictionary<string, string> OnHost(NetworkHost host) =>
        new(Settings) { ["K2__Cluster__AdvertisedAddress"] = host.Address };

    /// <summary>Starts every silo that is not running, all at once, and waits until each answers as running.</summary>
    public Task StartAllAsync() => StartAsync([.. Silos.Where(s => !s.IsRunning)]);

    /// <summary>Starts the given silos at once (as hosts booting together) and waits until each answers as running.</summary>
    public async Task StartAsync(params Daemon[] silos)
    {
        foreach (var silo in silos)
        {
            silo.Start();
        }

        await Task.WhenAll(silos.Select(s => Task.Run(s.WaitUntilRunningAsync)));
    }

    public void KillAll()
    {
        foreach (var silo in Running.ToArray())
        {
            silo.Kill();
        }
    }

    /// <summary>Runs k2 with the cluster's settings and the status socket of the first running silo.</summary>
    public Task<K2Process> K2Async(params string[] args) => K2Process.RunAsync(Root, Running.First().Environment, CommandTimeout, args);

    public async Task<string> SubmitAsync(string spec)
    {
        var submit = await K2Async("submit", spec, "--out", OutputRoot);
        Assert.True(submit.Process.ExitCode == 0, $"k2 submit failed: {submit.StandardError}");
        return submit.StandardOutput.Split('\n')[0].Trim();
    }

    /// <summary>The job as the status socket of a running silo reports it; null while no silo can say.</summary>
    public JsonElement? Job(string jobId)
    {
        foreach (var silo in Running)
        {
            if (silo.Ask($"JOB {jobId}") is { } answer && answer.RootElement.TryGetProperty("job", out var job))
            {
                return job;
            }
        }

        return null;
    }

    public async Task WaitForProcessedAsync(string jobId, long processed) => await WaitAsync(
        $"{processed} images of {jobId} processed",
        () => Job(jobId) is { } job && job.GetProperty("total").GetInt64() - job.GetProperty("remaining").GetInt64() >= processed);

    public async Task<JsonElement> WaitForEndAsync(string jobId)
    {
        await WaitAsync($"{jobId} to end", () => Job(jobId)?.GetProperty("status").GetString() is "completed" or "failed" or "cancelled");
        return Job(jobId)!.Value;
    }

    /// <summary>Waits for a condition; on timeout the message carries the end of every silo's output.</summary>
    public async Task WaitAsync(string what, Func<bool> condition, TimeSpan? timeout = null)
    {
        try
        {
            await WaitFor.ConditionAsync(what, condition, timeout ?? JobTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Diagnostics(), e);
        }
    }

    public async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        try
        {
            await WaitFor.ConditionAsync(what, condition, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Diagnostics(), e);
        }
    }

    public Task<IReadOnlyList<MemberRow>> MembersAsync() => MemberRow.ReadAsync(ConnectionString, ClusterId);

    /// <summary>Batches each active silo has rendered since it started, by silo port, read through an Orleans client.</summary>
    public async Task<IReadOnlyDictionary<int, long>> BatchesPerSiloAsync()
    {
        var options = new K2ClusterOptions { Mode = "MySql", ConnectionString = ConnectionString, ClusterId = ClusterId };
        using var host = await K2ClusterClient.TryConnectAsync(options, connectAttempts: 5, CancellationToken.None)
            ?? throw new InvalidOperationException("an Orleans client could not connect through MySQL" + Diagnostics());
        try
        {
            return await SiloBatches.PerSiloAsync(host.Client());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var silo in Silos)
        {
            var output = silo.Output;
            text.AppendLine().Append($"--- {Path.GetFileName(silo.Folder)} (port {silo.SiloPort}, running {silo.IsRunning}) ---").AppendLine()
                .Append(output.Length > 4000 ? output[^4000..] : output);
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            if (silo.IsRunning)
            {
                silo.Kill();
            }

            silo.Dispose();
        }

        await database.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
