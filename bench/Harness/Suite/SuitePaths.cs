namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// Where the run reads its programs and writes its files. Helpers that are not measured run from <c>dotnet build</c>
/// output; every measured .NET path runs from a ReadyToRun publish (bench/run.sh builds both), so none of them pays
/// start-up JIT the others do not.
/// </summary>
internal sealed record SuitePaths(string Repo, string Work, string Published)
{
    public const string Convert = "/usr/bin/convert-im6.q16";
    public const string GnuTime = "/usr/bin/time";

    public string Generator => Path.Combine(Repo, "tools/SampleGenerator/bin/Release/net10.0/k2-sample-generator.dll");

    public string K2 => Path.Combine(Published, "k2/k2.dll");

    public string Silo => Path.Combine(Published, "k2orleans-silo/k2orleans-silo.dll");

    public string Loop => Path.Combine(Published, "renderer-loop/renderer-loop.dll");

    public string Peer => Path.Combine(Published, "netvips-peer/netvips-peer.dll");

    public string Results => Path.Combine(Repo, "bench/results.md");

    public string Out(string name) => Path.Combine(Work, "out", name);

    public string File(string name) => Path.Combine(Work, name);

    /// <summary>The repository is found from this program's place in it; K2_BENCH_WORK and K2_BENCH_BIN as in bench/run.sh.</summary>
    public static SuitePaths FromEnvironment()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !System.IO.File.Exists(Path.Combine(repo.FullName, "K2Orleans.sln")))
        {
            repo = repo.Parent;
        }

        var work = Environment.GetEnvironmentVariable("K2_BENCH_WORK") is { Length: > 0 } w ? w : "/tmp/k2-bench";
        var published = Environment.GetEnvironmentVariable("K2_BENCH_BIN") is { Length: > 0 } b ? b : work + ".bin";
        return new SuitePaths(repo?.FullName ?? throw new BenchException("the harness does not run from inside the repository"), work, published);
    }

    public void CheckPrograms()
    {
        foreach (var program in new[] { Generator, K2, Silo, Loop, Peer })
        {
            if (!System.IO.File.Exists(program))
            {
                throw new BenchException($"{program} is missing; run without --no-build");
            }
        }
    }
}
