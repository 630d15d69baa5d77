using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using K2Orleans.Cli.Progress;
using K2Orleans.StatusBridge.Client;
using K2Orleans.StatusBridge.Hosting;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 status [JOB] [--json]</c>: asks the status socket, as the PHP page does, and shows the answer.</summary>
public static class StatusCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var jobId = new Argument<string?>("JOB") { Description = "One job's id (default: the cluster and its jobs)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the status socket's JSON line" };
        var command = new Command("status", "Show the cluster and its jobs, or one job") { jobId, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var endpointText = CliCluster.StatusEndpoint(context.Configuration);
            if (StatusBridgeOptions.ParseTcpEndpoint(endpointText) is not { } endpoint)
            {
                await context.Error.WriteLineAsync($"StatusBridge:TcpEndpoint '{endpointText}' is not an address:port");
                return ExitCodes.BadInput;
            }

            var id = parse.GetValue(jobId);
            string answer;
            try
            {
                answer = await StatusSocketClient.AskAsync(endpoint, id is null ? "STATUS" : $"JOB {id}", Timeout, cancellation);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                await context.Error.WriteLineAsync($"cannot reach the status socket at {endpoint}: {e.Message}");
                return ExitCodes.Unreachable;
            }

            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(answer);
            }
            else if (!root.GetProperty("ok").GetBoolean())
            {
                await context.Error.WriteLineAsync(root.GetProperty("message").GetString());
            }
            else if (id is null)
            {
                PrintCluster(context.Out, root);
            }
            else
            {
                PrintJob(context.Out, root.GetProperty("job"), withErrors: true);
            }

            return !root.GetProperty("ok").GetBoolean() ? ExitCodes.BadInput
                : id is null && !root.GetProperty("running").GetBoolean() ? ExitCodes.Unreachable
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The WordPress poller in one line; null when the daemon does not say (older daemons, or the cluster is down).</summary>
    private static string? DescribeWordPress(JsonElement root)
    {
        if (!root.TryGetProperty("wordpress", out var poller) || poller.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!poller.GetProperty("enabled").GetBoolean())
        {
            return "WordPress: not polled (WordPress:Enabled is false)";
        }

        if (poller.GetProperty("last_error").GetString() is { } error)
        {
            return $"WordPress: CANNOT REACH the WordPress database: {error}";
        }

        return poller.GetProperty("last_poll_at").GetString() is { } at
            ? $"WordPress: polling, last poll at {at}"
            : "WordPress: polling, no poll finished yet";
    }

    private static void PrintCluster(TextWriter output, JsonElement root)
    {
        var silos = root.GetProperty("silos");
        // Degraded: the cluster runs, but part of this answer is the last one known (contracts.md §3).
        var degraded = root.TryGetProperty("degraded", out var reason) && reason.ValueKind == JsonValueKind.String ? $" (degraded: {reason.GetString()})" : "";
        output.WriteLine(root.GetProperty("running").GetBoolean()
            ? $"cluster running{degraded}, {silos.GetArrayLength()} silo(s), up {ProgressDisplay.FormatSeconds(root.GetProperty("uptime_s").GetDouble())}"
            : "cluster NOT running");
        foreach (var silo in silos.EnumerateArray())
        {
            output.WriteLine($"  silo {silo.GetProperty("address").GetString()} {silo.GetProperty("status").GetString()}, renders {silo.GetProperty("renders_active").GetInt32()}/{silo.GetProperty("render_limit").GetInt32()}");
            if (silo.TryGetProperty("on_request", out var images))
            {
                output.WriteLine(
                    $"    on request: rendered {images.GetProperty("rendered").GetInt64()}, served {images.GetProperty("served").GetInt64()}, coalesced {images.GetProperty("coalesced").GetInt64()}, " +
                    $"404 {images.GetProperty("not_found").GetInt64()}, 503 {images.GetProperty("busy").GetInt64()}, " +
                    $"p50 {images.GetProperty("p50_ms").GetDouble().ToString("F1", CultureInfo.InvariantCulture)} ms, p99 {images.GetProperty("p99_ms").GetDouble().ToString("F1", CultureInfo.InvariantCulture)} ms (last minute)");
            }
        }

        if (DescribeWordPress(root) is { } wordPress)
        {
            output.WriteLine(wordPress);
        }

        var jobs = root.GetProperty("jobs");
        output.WriteLine(jobs.GetArrayLength() == 0 ? "no recent jobs" : "jobs:");
        foreach (var job in jobs.EnumerateArray())
        {
            PrintJob(output, job, withErrors: false);
        }
    }

    private static void PrintJob(TextWriter output, JsonElement job, bool withErrors)
    {
        static string Seconds(JsonElement value) => value.ValueKind == JsonValueKind.Number ? ProgressDisplay.FormatSeconds(value.GetDouble()) : "-";
        var rate = job.GetProperty("rate_per_s") is { ValueKind: JsonValueKind.Number } r ? r.GetDouble().ToString("F1", CultureInfo.InvariantCulture) + "/s" : "-";
        output.WriteLine(
            $"  {job.GetProperty("id").GetString()}  {job.GetProperty("status").GetString()}  " +
            $"{job.GetProperty("total").GetInt64() - job.GetProperty("remaining").GetInt64()}/{job.GetProperty("total").GetInt64()} " +
            $"(rendered {job.GetProperty("done").GetInt64()}, skipped {job.GetProperty("skipped").GetInt64()}, failed {job.GetProperty("failed").GetInt64()}, left {job.GetProperty("remaining").GetInt64()})  " +
            $"elapsed {Seconds(job.GetProperty("elapsed_s"))}  eta {Seconds(job.GetProperty("eta_s"))}  rate {rate}");
        if (withErrors && job.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                output.WriteLine($"    failed {error.GetProperty("key").GetString()}: {error.GetProperty("message").GetString()}");
            }
        }
    }
}
