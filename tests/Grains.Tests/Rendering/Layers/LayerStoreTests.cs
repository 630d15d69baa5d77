using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Tests.Rendering.Layers;

/// <summary>
/// Layers looked up again and again by requests: a real path remembered for a file is used only while the path leads
/// to that same file, and a file read is the file looked at, whatever was moved in between.
/// </summary>
public sealed class LayerStoreTests : IDisposable
{
    private readonly TempFolder temp = new();

    public LayerStoreTests()
    {
        TestImages.WritePng(temp.Combine("root", "base", "walnut.png"), 4, 2, TestImages.Pattern(4, 2, 1));
        TestImages.WritePng(temp.Combine("root", "base", "black.png"), 4, 2, TestImages.Pattern(4, 2, 2));
        TestImages.WritePng(temp.Combine("outside", "secret.png"), 4, 2, TestImages.Pattern(4, 2, 3));
        Directory.CreateSymbolicLink(temp.Combine("root", "linked"), "base");
        File.CreateSymbolicLink(temp.Combine("root", "chosen.png"), "base/walnut.png");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ShouldFollowALinkToWhereItLeadsNowAndRefuseItOnceItLeavesTheRoot()
    {
        var store = new LayerStore(new RenderingOptions());
        var root = LayerStore.Root(temp.Combine("root"));
        var walnut = store.Get(root, "chosen.png");

        Relink(temp.Combine("root", "chosen.png"), "base/black.png");
        var black = store.Get(root, "chosen.png");
        Relink(temp.Combine("root", "chosen.png"), "../outside/secret.png");
        var outside = store.Get(root, "chosen.png");

        Assert.Null(walnut.Error);
        Assert.Equal(store.Get(root, "base/walnut.png").ContentHash, walnut.ContentHash);
        Assert.Null(black.Error);
        Assert.Equal(store.Get(root, "base/black.png").ContentHash, black.ContentHash);
        Assert.Equal($"layer 'chosen.png' {PathSafety.LeavesRootReason}", outside.Error);
    }

    [Fact]
    public void ShouldReadTheFileWhereItIsNowWhenTheFolderOnItsWayWasMoved()
    {
        var root = LayerStore.Root(temp.Combine("root"));
        var before = new LayerStore(new RenderingOptions()).Get(root, "linked/walnut.png");

        // The file keeps its identity (a folder above it was renamed), so the real path remembered for it is stale; a
        // new store (nothing cached) must read it where it is now, not fail on the old path or read what is there.
        Directory.Move(temp.Combine("root", "base"), temp.Combine("root", "moved"));
        Relink(temp.Combine("root", "linked"), "moved", directory: true);
        Directory.CreateDirectory(temp.Combine("root", "base"));
        File.CreateSymbolicLink(temp.Combine("root", "base", "walnut.png"), temp.Combine("outside", "secret.png"));
        var after = new LayerStore(new RenderingOptions()).Get(root, "linked/walnut.png");

        Assert.Null(before.Error);
        Assert.Null(after.Error);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(PathSafety.RealPath(temp.Combine("root", "moved", "walnut.png")), PathSafety.FindExistingFile(root, "linked/walnut.png", out _)?.RealPath);
    }

    private static void Relink(string link, string target, bool directory = false)
    {
        File.Delete(link);
        if (directory)
        {
            Directory.CreateSymbolicLink(link, target);
        }
        else
        {
            File.CreateSymbolicLink(link, target);
        }
    }
}
