using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Requests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Tests.Requests;

/// <summary>Requests as a hostile Orleans client could build them, never passed through the CLI's checks.</summary>
public sealed class JobRequestGateTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string output;
    private readonly string assets;
    private readonly TrophySpec spec;

    public JobRequestGateTests()
    {
        output = temp.Combine("out");
        assets = temp.Combine("assets");
        Some.Assets(assets);
        var json = Some.SpecJson();
        json["assetRoot"] = assets;
        spec = new SpecParser().Parse(json.ToJsonString(), "/").Spec!;
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ShouldAcceptARequestTheCliWouldSend()
    {
        Assert.Empty(Gate().Check(new JobRequest(spec, output, Force: false)));
    }

    public static TheoryData<string, Func<TrophySpec, TrophySpec>, string> HostileSpecs => new()
    {
        { "template leaving the slug folder", s => s with { Output = s.Output with { PathTemplate = "{slug}/../../x-{key}.png" } }, "'..' path segment" },
        { "template naming another trophy's folder", s => s with { Output = s.Output with { PathTemplate = "grand-prix/{key}.{ext}" } }, "must begin with '{slug}/'" },
        { "slug with a newline", s => s with { Slug = "cup\n" }, "$.slug" },
        { "slug climbing out", s => s with { Slug = ".." }, "$.slug" },
        { "option id climbing out", s => s with { Slots = s.Slots.SetItem(0, s.Slots[0] with { Options = s.Slots[0].Options.SetItem(0, s.Slots[0].Options[0] with { Id = "../../x" }) }) }, "$.slots[0].options[0].id" },
        { "image path leaving the asset root", s => s with { Slots = s.Slots.SetItem(1, s.Slots[1] with { Options = [s.Slots[1].Options[0] with { Image = "../../etc/passwd" }] }) }, "must not contain '..'" },
        { "giant canvas", s => s with { Canvas = new CanvasSpec(8192, 8192, 0) }, "Rendering:MaxImagePixels" },
        { "canvas beyond the rules", s => s with { Canvas = new CanvasSpec(100_000, 1, 0) }, "$.canvas.width" },
        { "no slots", s => s with { Slots = default }, "$.slots" },
        { "null output", s => s with { Output = null! }, "$.output" },
        { "undefined format", s => s with { Output = s.Output with { Format = (OutputFormat)42 } }, "$.output.format" },
        { "null image", s => s with { Slots = s.Slots.SetItem(1, s.Slots[1] with { Options = [s.Slots[1].Options[0] with { Image = null! }] }) }, "$.slots[1].options[0].image" },
        { "relative asset root", s => s with { AssetRoot = "assets" }, "absolute" },
    };

    [Theory]
    [MemberData(nameof(HostileSpecs))]
    public void ShouldRefuseAHostileSpecNamingTheRule(string what, Func<TrophySpec, TrophySpec> change, string rule)
    {
        var problems = Gate().Check(new JobRequest(change(spec), output, Force: false));

        Assert.True(problems.Any(p => p.Contains(rule, StringComparison.Ordinal)), $"{what}: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void ShouldRefuseRootsOutsideTheAllowedFoldersNamingTheKeys()
    {
        var problems = Gate().Check(new JobRequest(spec with { AssetRoot = "/dev" }, "/etc/k2", Force: false));

        Assert.Contains(problems, p => p.Contains("asset root '/dev'", StringComparison.Ordinal) && p.Contains("Rendering:AssetRoots", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("output root '/etc/k2'", StringComparison.Ordinal) && p.Contains("Rendering:OutputRoots", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRefuseAnOutputRootReachedThroughALinkThatLeavesTheAllowedFolder()
    {
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;
        Directory.CreateDirectory(output);
        Directory.CreateSymbolicLink(Path.Combine(output, "escape"), outside);

        var problems = Gate().Check(new JobRequest(spec, Path.Combine(output, "escape", "deeper"), Force: false));

        Assert.Contains(problems, p => p.Contains("Rendering:OutputRoots", StringComparison.Ordinal));
        Assert.Empty(Gate().Check(new JobRequest(spec, Path.Combine(output, "not-yet-made", "deeper"), Force: false)));
    }

    [Fact]
    public void ShouldRefuseAMissingRequestOrSpecAndABadBatchSize()
    {
        Assert.Contains("missing", Assert.Single(Gate().Check(null)), StringComparison.Ordinal);
        Assert.Contains("no spec", Assert.Single(Gate().Check(new JobRequest(null!, output, false))), StringComparison.Ordinal);
        Assert.Contains(Gate().Check(new JobRequest(spec, output, false, BatchSize: 1_000_000)), p => p.Contains("batch size", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldThrowARefusalWithEveryProblemAndNoRawNewline()
    {
        var hostile = new JobRequest(spec with { Slug = "cup\nFAKE LOG LINE" }, "/etc", Force: false);

        var refused = Assert.Throws<RequestRefusedException>(() => Gate().Enforce(hostile, "test"));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains("\\u000a", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Rendering:OutputRoots", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseABatchRangeOutsideTheTrophy()
    {
        var request = new JobRequest(spec, output, Force: false);
        Gate().Enforce(new BatchWork("j", 0, 1, new IndexRange(0, 4), request), "test");

        Assert.Throws<RequestRefusedException>(() => Gate().Enforce(new BatchWork("j", 0, 1, new IndexRange(2, 100), request), "test"));
        Assert.Throws<RequestRefusedException>(() => Gate().Enforce(new BatchWork("j", 0, 1, new IndexRange(-5, 4), request), "test"));
    }

    private JobRequestGate Gate() => new(
        Options.Create(new RenderingOptions()), new AllowedRoots([output], [assets]), NullLogger<JobRequestGate>.Instance);
}
