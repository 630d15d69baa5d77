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
    public static int Run(string baseUrl, string specPath, int concurrency, TextWriter output)
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

        var latencies = new double[keys.Length];
        var statuses = new HttpStatusCode[keys.Length];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < keys.Length; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"{keys[i]}.{space.Extension}", HttpCompletionOption.ResponseContentRead);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                statuses[i] = response.StatusCode;
            }
        }));
        Task.WhenAll(clients).GetAwaiter().GetResult();
        var wall = clock.Elapsed.TotalSeconds;

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
