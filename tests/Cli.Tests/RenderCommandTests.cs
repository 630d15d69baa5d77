using ImageMagick;
using K2Orleans.Cli.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("k2-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldLeaveOnlyCompleteImagesWhenKilledAndCleanTempFilesOnNextRun()
    {
        var spec = NoisyTrophy.Write(folder, bases: 8, toppers: 20, side: 300);
        var output = Path.Combine(folder, "out", "noisy");

        using (var first = K2Process.Start(folder, "render", spec, "--parallel", "2"))
        {
            await WaitFor.ConditionAsync("20 images before the kill", () => Images(output).Length >= 20, TimeSpan.FromMinutes(3));
            first.Process.Kill();   // SIGKILL on Linux: no handler runs, writes in progress are cut off
            await first.Process.WaitForExitAsync();
        }

        var survivors = Images(output);
        Assert.InRange(survivors.Length, 20, 159);
        Assert.All(survivors, AssertDecodes);

        var second = await K2Process.RunAsync(folder, TimeSpan.FromMinutes(5), "render", spec);

        Assert.Equal(0, second.Process.ExitCode);
        var summary = second.Summary();
        Assert.Equal(160, summary.Rendered + summary.Skipped);
        Assert.True(summary.Skipped >= survivors.Length, $"only {summary.Skipped} of {survivors.Length} complete images were skipped");
        Assert.Empty(Directory.EnumerateFiles(output, "*.k2tmp", SearchOption.AllDirectories));
        Assert.Equal(160, Images(output).Length);
    }

    [Fact]
    public async Task ShouldExitTwoWithEveryProblemForInvalidSpec()
    {
        var spec = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(spec, """{"slug":"Bad","canvas":{"width":0,"height":10},"slots":[]}""");

        var result = await K2Run.RunAsync("render", spec, "--out", Path.Combine(folder, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.slug", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("$.canvas.width", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("$.slots", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("render", "missing.json")]
    [InlineData("render", "x.json", "--parallel", "0")]
    [InlineData("render", "x.json", "--bogus")]
    [InlineData("validate", "missing.json")]
    public async Task ShouldExitTwoForBadArguments(params string[] args)
    {
        var result = await K2Run.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.StandardError.Trim());
    }

    [Fact]
    public async Task ShouldExitOneAndNameFailedCombinationsWhenLayerIsCorrupt()
    {
        var spec = NoisyTrophy.Write(folder, bases: 2, toppers: 2, side: 16);
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "topper", "1.png"), "garbage");

        var validate = await K2Process.RunAsync(folder, TimeSpan.FromMinutes(1), "validate", spec);
        var render = await K2Process.RunAsync(folder, TimeSpan.FromMinutes(1), "render", spec);

        Assert.Equal(2, validate.Process.ExitCode);
        Assert.Contains("$.slots[1].options[1].image", validate.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, render.Process.ExitCode);
        Assert.Equal((2, 0, 2), render.Summary());
        // One line for the file, naming the first combination it failed (batches may report in either order) and their number.
        Assert.Matches(@"(?m)^failed base-[01]_topper-1: layer 'topper/1\.png' cannot be decoded: .* \(2 combinations\)$", render.StandardError);
        Assert.Single(render.StandardError.Split('\n'), line => line.StartsWith("failed ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldListAnEmptyFileAFifoAndAnSvgAsProblemsAndExitTwo()
    {
        // Each once stopped validate: an empty .png crashed it (exit 1), a FIFO hung it, an SVG named .png was decoded.
        var spec = NoisyTrophy.Write(folder, bases: 2, toppers: 3, side: 16);
        var toppers = Path.Combine(folder, "assets", "topper");
        await File.WriteAllBytesAsync(Path.Combine(toppers, "0.png"), []);
        File.Delete(Path.Combine(toppers, "1.png"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(toppers, "1.png")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(toppers, "2.png"), """<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>""");

        var validate = await K2Run.RunAsync("validate", spec);

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains("$.slots[1].options[0].image: layer 'topper/0.png' is empty", validate.StandardError, StringComparison.Ordinal);
        Assert.Contains("$.slots[1].options[1].image: layer 'topper/1.png' is empty or not a regular file", validate.StandardError, StringComparison.Ordinal);
        Assert.Contains("$.slots[1].options[2].image: layer 'topper/2.png' cannot be decoded: it is not a PNG file", validate.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", validate.StandardError, StringComparison.Ordinal);
    }

    private static string[] Images(string output) => Directory.Exists(output)
        ? [.. Directory.EnumerateFiles(output, "*.png")]
        : [];

    private static void AssertDecodes(string path)
    {
        using var image = new MagickImage(path);
        using var pixels = image.GetPixelsUnsafe();
        Assert.Equal(300u * 300 * 4, (uint)pixels.ToByteArray(PixelMapping.RGBA)!.Length);
    }
}
