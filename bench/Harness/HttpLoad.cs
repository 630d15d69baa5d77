using System.Diagnostics;
using System.Globalization;
using System.Net;
using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// Closed-loop HTTP load on a silo's image endpoint: CONCURRENCY clients each ask for the next of the spec's keys (every
/// key once, in a fixed shuffled order, so no two requests share a file) and wait for the whole image before asking
/// again. Prints one line of key=value figures for bench/images.sh.
/// </summary>
internal static class HttpLoad
{
    /// <param name="tracePath">When set, one line per request is written there: its start and its latency in ms (from the
    /// first request's start), its status and its key, in the order they started.</param>
    public static int Run(string baseUrl, string specPath, int concurrency, TextWriter output, string? tracePath = null)
    {
        var space = new CombinationSpace(BenchSpec.Load(specPath));
        var keys = Enumerable.Range(0, (int)space.Total).Select(i => space.KeyOf(i)).ToArray();
        new Random(1).Shuffle(keys);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false })
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(1),
        };

        // The client's own first-call costs (JIT, connection set-up) are not the endpoint's.
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => http.GetAsync("no-such-image.png"))).GetAwaiter().GetResult();

        var starts = new double[keys.Length];
        var latencies = new double[keys.Length];
        var statuses = new HttpStatusCode[keys.Length];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            // Each client reads bodies into its own buffer: the load tool's garbage collections would otherwise show up
            // in the latencies it measures (an image is larger than the large-object threshold).
            var buffer = new byte[1 << 16];
            for (var i = Interlocked.Increment(ref next); i < keys.Length; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                starts[i] = clock.Elapsed.TotalMilliseconds;
                using var response = await http.GetAsync($"{keys[i]}.{space.Extension}", HttpCompletionOption.ResponseHeadersRead);
                await using (var body = await response.Content.ReadAsStreamAsync())
                {
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                statuses[i] = response.StatusCode;
            }
        }));
        Task.WhenAll(clients).GetAwaiter().GetResult();
        var wall = clock.Elapsed.TotalSeconds;

        if (tracePath is not null)
        {
            File.WriteAllLines(tracePath, Enumerable.Range(0, keys.Length).OrderBy(i => starts[i]).Select(i => string.Create(
                CultureInfo.InvariantCulture, $"{starts[i]:F1} {latencies[i]:F1} {(int)statuses[i]} {keys[i]}")));
        }

        Array.Sort(latencies);
        var ok = statuses.Count(s => s == HttpStatusCode.OK);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"requests={keys.Length} ok={ok} other={keys.Length - ok} wall_s={wall:F2} rps={keys.Length / wall:F0} " +
            $"p50_ms={Percentile(latencies, 0.50):F1} p99_ms={Percentile(latencies, 0.99):F1} mean_ms={latencies.Average():F1} max_ms={latencies[^1]:F1}"));
        return ok == keys.Length ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
