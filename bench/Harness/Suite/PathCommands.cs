using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The command lines of the measured .NET paths, each with as many workers as the machine has cores.</summary>
internal sealed record PathCommands(SuitePaths Paths, int Cores)
{
    private string Parallel => Cores.ToString(CultureInfo.InvariantCulture);

    public string[] K2Render(string spec, string outDir) => ["dotnet", Paths.K2, "render", spec, "--out", outDir, "--parallel", Parallel, "--force"];

    public string[] Loop(string spec, string outDir) => ["dotnet", Paths.Loop, spec, "--out", outDir, "--parallel", Parallel];

    public string[] NetVips(string spec, string outDir, string setting) =>
        ["dotnet", Paths.Peer, "render", spec, "--out", outDir, "--parallel", Parallel, .. setting.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The seed-style baseline: the jobs file's NUL-separated arguments, one <c>convert</c> per job, a process per core.</summary>
    public string[] Baseline(int argumentsPerJob) =>
        ["xargs", "-0", "-n", argumentsPerJob.ToString(CultureInfo.InvariantCulture), "-P", Parallel, SuitePaths.Convert];
}
