using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>
/// Debian's real <c>prometheus</c> as a private process: its own configuration (one job scraping the given targets
/// every second), its own storage in a temporary folder and a free loopback port, so the package's own service is
/// neither used nor touched. Stopped and its folder deleted on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Job = "k2orleans";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly TempDirectory folder = new();
    private readonly StringBuilder output = new();
    private readonly HttpClient http;
    private readonly Process process;

    private PrometheusServer(IEnumerable<string> targets)
    {
        Port = FreeTcpPort.Next();
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(10) };
        var config = folder.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var info = new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={folder.File("data")}",
                $"--web.listen-address=127.0.0.1:{Port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start.");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>What prometheus wrote (it logs to stderr).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static string Executable =>
        ProcessRunner.Find("prometheus")
        ?? throw new InvalidOperationException("prometheus is not installed; ./scripts/test.sh installs it ('apt-get install prometheus').");

    /// <summary>Starts prometheus scraping <paramref name="targets"/> (host:port, path /metrics) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets)
    {
        var server = new PrometheusServer(targets);
        try
        {
            await WaitFor.ConditionAsync("prometheus to be ready", server.IsReadyAsync, StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// An instant PromQL query through the HTTP API (<c>/api/v1/query</c>): each series of the resulting vector as its
    /// labels and value.
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promQl)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        if (answer.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"prometheus refused '{promQl}': {answer}");
        }

        var data = answer.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
        {
            throw new InvalidOperationException($"'{promQl}' gave a {data.GetProperty("resultType")}, not a vector");
        }

        return [.. data.GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The value of a query that gives one series (a <c>sum(...)</c>, say); null while it gives none.</summary>
    public async Task<double?> ScalarAsync(string promQl) => await QueryAsync(promQl) switch
    {
        [] => null,
        [var one] => one.Value,
        var many => throw new InvalidOperationException($"'{promQl}' gave {many.Count} series, not one"),
    };

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        http.Dispose();
        folder.Dispose();
    }

    private async Task<bool> IsReadyAsync()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"prometheus exited with {process.ExitCode}: {Output}");
        }

        try
        {
            using var ready = await http.GetAsync("/-/ready");
            return ready.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
