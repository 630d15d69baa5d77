using System.Diagnostics;
using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// Two k2orleans-silo daemons form one cluster without a database (Cluster:PrimarySiloPort, state in memory grains),
/// each with half the cores as render slots. They are started and found up first, as a running daemon would be; the
/// timed part is <c>k2 submit</c> to the end of <c>k2 watch</c>. Each silo runs under /usr/bin/time, which reports once
/// the silo has stopped on SIGTERM.
/// </summary>
internal sealed class SiloPair(SuitePaths paths, BenchLog log, PathMeasurer measurer, int cores) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(600);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, TimedProcess> silos = [];
    private readonly double ticksPerSecond = Figures.Number(Command.Output("getconf", "CLK_TCK"));
    private readonly string clusterId = $"k2-bench-{Environment.ProcessId}";

    /// <summary>The silos' CPU seconds from <c>k2 submit</c> to the end of <c>k2 watch</c> of the last <see cref="Measure"/>.</summary>
    public double JobCpuSeconds { get; private set; }

    public Measurement Measure(string name, string spec, long expected, string outDir)
    {
        var slots = Math.Max(cores / 2, 1);
        Directory.CreateDirectory(outDir);
        var ports = Enumerable.Range(0, 6).Select(_ => TestSupport.FreeTcpPort.Next()).ToArray();
        log.Say($"{name}: starting 2 silos (MaxConcurrentRenders {slots} each, silo ports {ports[0]} and {ports[3]})");
        Start($"{name}-1", ports[0], ports[1], ports[2], slots, []);
        Start($"{name}-2", ports[3], ports[4], ports[5], slots, new() { ["K2__Cluster__PrimarySiloPort"] = Text(ports[0]) });
        WaitUntilUp(name, ports[2], ports[5]);

        log.Say($"{name}: cluster of 2 silos up; submitting");
        var client = new Dictionary<string, string>
        {
            ["K2__Cluster__Mode"] = "Localhost",
            ["K2__Cluster__ClusterId"] = clusterId,
            ["K2__Cluster__GatewayPort"] = Text(ports[1]),
            ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{ports[2]}",
        };
        var clock = Stopwatch.StartNew();
        var cpuBefore = SiloCpuSeconds();
        var submit = Command.Capture("dotnet", [paths.K2, "submit", spec, "--out", outDir, "--force"], TimeSpan.FromSeconds(120), client);
        var errFile = paths.File($"{name}.err");
        File.WriteAllText(errFile, submit.Error);
        var job = submit.Output.Split('\n')[0];
        if (job.Length == 0)
        {
            log.Error.Write(submit.Error);
            throw new BenchException($"{name}: k2 submit failed");
        }

        var watch = Command.Capture("dotnet", [paths.K2, "watch", job], JobTimeout, client);
        File.WriteAllText(paths.File($"{name}.out"), watch.Output);
        File.AppendAllText(errFile, watch.Error);
        if (!watch.Succeeded)
        {
            log.Error.Write(watch.Output + submit.Error + watch.Error);
            throw new BenchException($"{name}: k2 watch {job} failed or took over {JobTimeout.TotalSeconds} s");
        }

        var wall = clock.Elapsed.TotalSeconds;
        JobCpuSeconds = SiloCpuSeconds() - cpuBefore;
        Dispose();
        var time = TimeReport.Combine([TimeReport.Read(paths.File($"{name}-1.time")), TimeReport.Read(paths.File($"{name}-2.time"))]);
        return measurer.Collect(name, spec, expected, outDir, Figures.Fixed(wall, 2), time, Figures.OwnRate(watch.Output));
    }

    /// <summary>SIGTERM to each silo still running (the child of its /usr/bin/time), then waits for its report.</summary>
    public void Dispose()
    {
        foreach (var silo in silos.Values)
        {
            if (silo.ProgramPid is { } pid)
            {
                Command.Capture("kill", ["-TERM", Text(pid)], TimeSpan.FromSeconds(10));
            }
        }

        foreach (var (name, silo) in silos)
        {
            if (!silo.WaitForExit(StopTimeout))
            {
                log.Say($"{name} did not stop within 60 s; killing it");
                silo.Kill();
            }
            else if (silo.ExitCode != 0)
            {
                log.Say($"{name} exited with {silo.ExitCode} (output in {paths.File(name + ".out")})");
            }

            silo.Dispose();
        }

        silos.Clear();
    }

    private void Start(string name, int siloPort, int gatewayPort, int statusPort, int slots, Dictionary<string, string> extra)
    {
        var folder = paths.File(name);
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>
        {
            ["K2__Cluster__Mode"] = "Localhost",
            ["K2__Cluster__ClusterId"] = clusterId,
            ["K2__Storage__Provider"] = "Memory",
            ["K2__Cluster__SiloPort"] = Text(siloPort),
            ["K2__Cluster__GatewayPort"] = Text(gatewayPort),
            ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{statusPort}",
            ["K2__Dashboard__Enabled"] = "false",
            ["K2__Images__Enabled"] = "false",
            ["K2__Metrics__Endpoint"] = "off",
            ["K2__WordPress__Enabled"] = "false",
            ["K2__Rendering__MaxConcurrentRenders"] = Text(slots),
            ["K2__Rendering__OutputRoots__0"] = paths.Work,
            ["K2__Rendering__AssetRoots__0"] = paths.Work,
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        silos[name] = TimedProcess.Start(new TimedCommand(["dotnet", paths.Silo], paths.File($"{name}.out"), null, paths.File($"{name}.time"))
        {
            WorkingDirectory = folder,
            Environment = environment,
        });
    }

    private void WaitUntilUp(string name, int firstStatusPort, int secondStatusPort)
    {
        var deadline = Stopwatch.StartNew();
        while (!(StatusSocket.ActiveSilos(firstStatusPort) == 2 && StatusSocket.ActiveSilos(secondStatusPort) == 2))
        {
            foreach (var (siloName, silo) in silos)
            {
                if (silo.HasExited)
                {
                    Tail(siloName);
                    throw new BenchException($"{siloName} exited while starting (output in {paths.File(siloName + ".out")})");
                }
            }

            if (deadline.Elapsed > StartTimeout)
            {
                Tail($"{name}-1");
                Tail($"{name}-2");
                throw new BenchException($"the 2 silos did not both report 2 active silos within {StartTimeout.TotalSeconds} s");
            }

            // Polling a process we do not own; its status socket is the only signal it gives.
            Thread.Sleep(200);
        }
    }

    private double SiloCpuSeconds() =>
        silos.Values.Sum(s => s.ProgramPid is { } pid && ProcStat.Of(pid) is { } stat ? stat.CpuTicks : 0) / ticksPerSecond;

    private void Tail(string name) => log.Error.WriteLine(string.Join('\n', File.ReadLines(paths.File(name + ".out")).TakeLast(30)));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
