using System.Diagnostics;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Tests.Specs;

public sealed class AssetCheckerTests : AssetFolderTests
{
    [Fact]
    public void ShouldAcceptSpecWhoseImagesAllDecode()
    {
        var report = Check(Some.SpecJson().ToJsonString());

        Assert.Empty(report.All);
    }

    [Fact]
    public void ShouldReportMissingAndCorruptImagesAsUnusable()
    {
        File.Delete(Temp.Combine("assets", "base", "walnut.png"));
        File.WriteAllBytes(Temp.Combine("assets", "topper", "star.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

        var report = Check(Some.SpecJson().ToJsonString());

        Assert.Empty(report.Refusals);
        Assert.Contains(report.Unusable, p => p.Path == "$.slots[0].options[1].image" && p.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(report.Unusable, p => p.Path == "$.slots[2].options[0].image" && p.Message.Contains("cannot be decoded", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRefuseLayerOverTheSizeLimitWithoutDecodingIt()
    {
        TestImages.WritePng(Temp.Combine("assets", "base", "black.png"), 300, 2, new byte[300 * 2 * 4]);

        var report = Check(Some.SpecJson().ToJsonString(), new RenderingOptions { MaxLayerSide = 200 });

        Assert.Contains(report.Unusable, p => p.Path == "$.slots[0].options[0].image" && p.Message.Contains("300x2, over the limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldRefuseSymlinkLeavingTheRootWithoutEverOpeningItsTarget()
    {
        // The outside target is a FIFO: opening it for reading would block, so a finished check proves it was never read.
        var outside = Temp.Combine("outside");
        Directory.CreateDirectory(outside);
        var fifo = Path.Combine(outside, "secret.png");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        File.Delete(Temp.Combine("assets", "base", "walnut.png"));
        File.CreateSymbolicLink(Temp.Combine("assets", "base", "walnut.png"), fifo);
        Directory.CreateSymbolicLink(Temp.Combine("assets", "escape"), outside);
        var json = Some.SpecJson();
        json["slots"]![2]!["options"]![0]!["image"] = "escape/secret.png";

        var check = Task.Run(() => Check(json.ToJsonString()));

        var finished = await Task.WhenAny(check, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == check, "the check blocked: it opened a file outside the asset root");
        var report = await check;
        var refused = report.Refusals.Select(p => p.Path).Order().ToArray();
        Assert.Equal(["$.slots[0].options[1].image", "$.slots[2].options[0].image"], refused);
        Assert.All(report.Refusals, p => Assert.Contains(PathSafety.LeavesRootReason, p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldAcceptSymlinkThatStaysInsideTheRoot()
    {
        File.Delete(Temp.Combine("assets", "base", "walnut.png"));
        File.CreateSymbolicLink(Temp.Combine("assets", "base", "walnut.png"), Temp.Combine("assets", "base", "black.png"));

        Assert.Empty(Check(Some.SpecJson().ToJsonString()).All);
    }

    [Fact]
    public async Task ShouldListAFifoADeviceAndAnEmptyFileWithoutOpeningThem()
    {
        // Opening the FIFO would block and reading /dev/zero would never end: a finished check proves neither was read.
        MakeFifo(Temp.Combine("assets", "base", "walnut.png"));
        File.WriteAllBytes(Temp.Combine("assets", "topper", "star.png"), []);
        var json = Some.SpecJson();
        json["assetRoot"] = "/dev";
        foreach (var option in json["slots"]!.AsArray().SelectMany(slot => slot!["options"]!.AsArray()))
        {
            option!["image"] = "zero";
        }

        var device = Task.Run(() => Check(json.ToJsonString()));
        var local = Task.Run(() => Check(Some.SpecJson().ToJsonString()));

        var both = Task.WhenAll(device, local);
        Assert.True(await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(20))) == both, "the check blocked on a FIFO or a device");
        Assert.Equal(4, (await device).Unusable.Count);
        Assert.All((await device).Unusable, p => Assert.Contains("not a regular file", p.Message, StringComparison.Ordinal));
        var unusable = (await local).Unusable;
        Assert.Contains(unusable, p => p.Path == "$.slots[0].options[1].image" && p.Message.Contains("not a regular file", StringComparison.Ordinal));
        Assert.Contains(unusable, p => p.Path == "$.slots[2].options[0].image" && p.Message.Contains("is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRefuseAnSvgNamedPngWithoutDecodingIt()
    {
        File.WriteAllText(Temp.Combine("assets", "topper", "star.png"),
            """<svg xmlns="http://www.w3.org/2000/svg" width="20" height="15"><rect width="20" height="15" fill="red"/></svg>""");

        var report = Check(Some.SpecJson().ToJsonString());

        var problem = Assert.Single(report.Unusable);
        Assert.Equal("$.slots[2].options[0].image", problem.Path);
        Assert.Contains("not a PNG file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseALayerFileOverTheByteLimitBeforeReadingIt()
    {
        var report = Check(Some.SpecJson().ToJsonString(), new RenderingOptions { MaxLayerFileBytes = 100 });

        Assert.Equal(4, report.Unusable.Count);
        Assert.All(report.Unusable, p => Assert.Contains("Rendering:MaxLayerFileBytes", p.Message, StringComparison.Ordinal));
    }

    private static void MakeFifo(string path)
    {
        File.Delete(path);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private AssetReport Check(string json, RenderingOptions? options = null)
    {
        var spec = new SpecParser().Parse(json, Temp.Path).Spec!;
        return new AssetChecker(new LayerStore(options ?? new RenderingOptions())).Check(spec, decode: true);
    }
}
