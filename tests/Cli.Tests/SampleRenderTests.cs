using ImageMagick;
using K2Orleans.Cli.Tests.Support;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.Grains.Specs;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary>The README's first command on the committed large sample, as a new user runs it.</summary>
public sealed class SampleRenderTests : IDisposable
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(8);
    private readonly string folder = Directory.CreateTempSubdirectory("k2-sample-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldRenderLargeSampleThenSkipItThenRedoOnlyCombinationsOfAChangedLayer()
    {
        var sample = Path.Combine(folder, "grand-prix");
        CopyFolder(SampleSpec.Folder("grand-prix"), sample);
        var spec = Path.Combine(sample, "trophy.json");

        var first = await K2Process.RunAsync(folder, RenderTimeout, "render", spec);
        var second = await K2Process.RunAsync(folder, RenderTimeout, "render", spec);
        ChangeOnePixel(Path.Combine(sample, "assets", "base", "walnut.png"));
        var before = Directory.GetFiles(Path.Combine(folder, "out", "grand-prix")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var third = await K2Process.RunAsync(folder, RenderTimeout, "render", spec);

        Assert.Equal((0, (648, 0, 0)), (first.Process.ExitCode, first.Summary()));
        Assert.Equal((0, (0, 648, 0)), (second.Process.ExitCode, second.Summary()));
        Assert.Equal((0, (216, 432, 0)), (third.Process.ExitCode, third.Summary()));
        var redone = before.Where(pair => File.GetLastWriteTimeUtc(pair.Key) != pair.Value).Select(pair => Path.GetFileName(pair.Key)).ToList();
        Assert.Equal(216, redone.Count);
        Assert.All(redone, name => Assert.StartsWith("walnut_", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldWriteTheSameFilesThroughTheEngineAsTheDirectRenderer()
    {
        var spec = SampleSpec.Write("classic-cup", folder, 150, 240);
        var engineOut = Path.Combine(folder, "engine");
        var render = await K2Run.RunAsync(null, RenderTimeout, "render", spec, "--out", engineOut);
        var parsed = SpecLoader.LoadFile(spec, new SpecParserOptions()).Spec!;
        var directOut = Path.Combine(folder, "direct");
        var options = new RenderingOptions();
        MagickCodec.Configure(options);
        var direct = new CombinationRenderer(new LayerStore(options)).Render(
            new RenderTarget(parsed, directOut, Force: false), new IndexRange(0, (int)new CombinationSpace(parsed).Total), CancellationToken.None);

        Assert.Equal(0, render.ExitCode);
        Assert.Equal(50, direct.Rendered);
        var engineFiles = Directory.GetFiles(Path.Combine(engineOut, "classic-cup")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(50, engineFiles.Length);
        Assert.Equal(engineFiles, Directory.GetFiles(Path.Combine(directOut, "classic-cup")).Select(Path.GetFileName).Order().ToArray());
        Assert.All(engineFiles, name => Assert.Equal(
            File.ReadAllBytes(Path.Combine(directOut, "classic-cup", name!)), File.ReadAllBytes(Path.Combine(engineOut, "classic-cup", name!))));
    }

    private static void ChangeOnePixel(string path)
    {
        using var image = new MagickImage(path);
        using (var pixels = image.GetPixels())
        {
            var pixel = pixels.GetPixel((int)image.Width / 2, (int)image.Height / 2);
            pixel.SetChannel(0, (byte)(pixel.GetChannel(0) ^ 0x40));
            pixels.SetPixel(pixel);
        }

        image.Write(path);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
