using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Schedules;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Specs;
using K2Orleans.Hosting;
using K2Orleans.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace K2Orleans.Cli.Tests;

/// <summary>
/// A raw Orleans client, not the CLI, against a real daemon: every grain that takes a job request checks it itself,
/// so what a hand-built request asks for is refused with its rule named, and nothing is written.
/// </summary>
public sealed class GatewayTrustTests : IDisposable
{
    private const long MemoryAllowance = 50L * 1024 * 1024;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ShouldRefuseEveryHostileRequestAtEveryGrainAndWriteNothing()
    {
        var allowed = Path.Combine(temp.Path, "allowed");
        var outside = Directory.CreateDirectory(Path.Combine(temp.Path, "outside")).FullName;
        using var daemon = new Daemon(Directory.CreateDirectory(Path.Combine(temp.Path, "silo")).FullName, allowTestRoots: false, settings: new Dictionary<string, string>
        {
            ["K2__Rendering__OutputRoots__0"] = allowed,
            ["K2__Rendering__AssetRoots__0"] = Path.Combine(SampleSpec.RepositoryRoot, "samples"),
        });
        await daemon.StartAsync();
        var memoryAtStart = daemon.ResidentBytes;
        var spec = new SpecParser().Parse(SampleSpec.Json("classic-cup", 60, 96), "/").Spec!;
        var cluster = new K2ClusterOptions { GatewayPort = int.Parse(daemon.Environment["K2__Cluster__GatewayPort"]) };
        using var client = await K2ClusterClient.TryConnectAsync(cluster, connectAttempts: 10, CancellationToken.None)
            ?? throw new InvalidOperationException("no connection to the daemon's gateway");
        var grains = client.Services.GetRequiredService<IClusterClient>();

        (string What, JobRequest Request, string Rule)[] hostile =
        [
            ("template climbing out", new JobRequest(spec with { Output = spec.Output with { PathTemplate = "{slug}/../../x-{key}.png" } }, allowed, false), "'..'"),
            ("output root outside", new JobRequest(spec, outside, false), "Rendering:OutputRoots"),
            ("endless device as layers", new JobRequest(Zero(spec), allowed, false), "Rendering:AssetRoots"),
            ("slug with a newline", new JobRequest(spec with { Slug = "cup\n" }, allowed, false), "$.slug"),
            ("giant canvas", new JobRequest(spec with { Canvas = new CanvasSpec(8192, 8192, 0) }, allowed, false), "Rendering:MaxImagePixels"),
        ];
        var n = 0;
        foreach (var (what, request, rule) in hostile)
        {
            n++;
            await Refused(what + " via the index", rule, () => grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request));
            await Refused(what + " via a job grain", rule, () => grains.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf($"hostile-{n}")).StartAsync(request));
            await Refused(what + " via a schedule", rule, () => grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf("classic-cup")).SetAsync(request, "* * * * *"));
            await Refused(what + " via a batch", rule, () => grains.GetGrain<IRenderBatchGrain>($"batch:hostile-{n}/0").StartAsync(
                new BatchWork($"hostile-{n}", 0, 1, new IndexRange(0, 4), request)));
        }

        Assert.False(Directory.Exists(allowed), "a refused request wrote into the allowed output folder");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Empty(Directory.EnumerateFiles(temp.Path, "x-*", SearchOption.AllDirectories));
        Assert.True(daemon.IsRunning, daemon.Output);
        Assert.InRange(daemon.ResidentBytes - memoryAtStart, long.MinValue, MemoryAllowance);
        Assert.Contains("refused a request", daemon.Output, StringComparison.Ordinal);

        // The same daemon still builds what it may.
        var job = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(new JobRequest(spec, allowed, false));
        var finished = await daemon.WaitForFinishAsync(job.Id, TimeSpan.FromMinutes(2));
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(job.Total, Directory.GetFiles(Path.Combine(allowed, "classic-cup")).Length);
    }

    [Fact]
    public async Task ShouldLetOnlyHoldersOfTheClusterCertificateCallTheGateway()
    {
        var shared = WriteCertificate("k2-cluster", "shared.pfx");
        var intruder = WriteCertificate("k2-cluster", "intruder.pfx");
        using var daemon = new Daemon(Directory.CreateDirectory(Path.Combine(temp.Path, "silo")).FullName, settings: new Dictionary<string, string>
        {
            ["K2__Cluster__TlsCertificatePath"] = shared,
        });
        await daemon.StartAsync();
        var gatewayPort = int.Parse(daemon.Environment["K2__Cluster__GatewayPort"]);

        using (var plain = await K2ClusterClient.TryConnectAsync(new K2ClusterOptions { GatewayPort = gatewayPort }, connectAttempts: 2, CancellationToken.None))
        {
            Assert.Null(plain);
        }

        using (var other = await K2ClusterClient.TryConnectAsync(
            new K2ClusterOptions { GatewayPort = gatewayPort, TlsCertificatePath = intruder }, connectAttempts: 2, CancellationToken.None))
        {
            Assert.Null(other);
        }

        // k2 with the daemon's configuration holds the shared certificate and gets through.
        var spec = SampleSpec.Write("classic-cup", temp.Path, 60, 96);
        var id = await daemon.SubmitAsync(spec, Path.Combine(temp.Path, "out"));
        Assert.Equal("completed", (await daemon.WaitForFinishAsync(id, TimeSpan.FromMinutes(2))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ShouldRefuseToStartWithACertificateFileThatHasNoKeyNamingTheKey()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=k2-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var publicOnly = Path.Combine(temp.Path, "public.pfx");
        File.WriteAllBytes(publicOnly, X509CertificateLoader.LoadCertificate(certificate.RawData).Export(X509ContentType.Pkcs12));
        using var daemon = new Daemon(Directory.CreateDirectory(Path.Combine(temp.Path, "silo")).FullName, settings: new Dictionary<string, string>
        {
            ["K2__Cluster__TlsCertificatePath"] = publicOnly,
        });

        daemon.Start();

        await WaitFor.ConditionAsync("the silo to exit", () => !daemon.IsRunning, TimeSpan.FromMinutes(1));
        Assert.Equal(2, daemon.Process.ExitCode);
        Assert.Contains("Cluster:TlsCertificatePath", daemon.Output, StringComparison.Ordinal);
        Assert.Contains("no private key", daemon.Output, StringComparison.Ordinal);
    }

    private string WriteCertificate(string name, string file)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(temp.Path, file);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }

    private static TrophySpec Zero(TrophySpec spec) => spec with
    {
        AssetRoot = "/dev",
        Slots = [.. spec.Slots.Select(slot => slot with { Options = [.. slot.Options.Select(o => o with { Image = "zero" })] })],
    };

    private static async Task Refused(string what, string rule, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(call);
        Assert.True(refused.Message.Contains(rule, StringComparison.Ordinal), $"{what}: {refused.Message}");
    }
}
