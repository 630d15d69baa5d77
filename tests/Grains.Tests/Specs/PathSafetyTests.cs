namespace K2Orleans.Grains.Tests.Specs;

/// <summary>
/// The kernel's answer (<see cref="PathSafety.RealPath"/>: one open, then the handle's name) against the walk that reads
/// every component's link, on the link layouts a hostile asset folder can hold.
/// </summary>
public sealed class PathSafetyTests : IDisposable
{
    private readonly TempFolder temp = new();

    public PathSafetyTests()
    {
        Directory.CreateDirectory(temp.Combine("root", "base"));
        Directory.CreateDirectory(temp.Combine("outside"));
        File.WriteAllBytes(temp.Combine("root", "base", "walnut.png"), [1]);
        File.WriteAllBytes(temp.Combine("outside", "secret.png"), [2]);
        Directory.CreateSymbolicLink(temp.Combine("root", "linked"), "base");
        Directory.CreateSymbolicLink(temp.Combine("root", "escape"), "../outside");
        File.CreateSymbolicLink(temp.Combine("root", "chain1.png"), "chain2.png");
        File.CreateSymbolicLink(temp.Combine("root", "chain2.png"), "base/../linked/walnut.png");
        File.CreateSymbolicLink(temp.Combine("root", "dangling.png"), "nowhere.png");
        File.CreateSymbolicLink(temp.Combine("root", "loop-a.png"), "loop-b.png");
        File.CreateSymbolicLink(temp.Combine("root", "loop-b.png"), "loop-a.png");
        Directory.CreateSymbolicLink(temp.Combine("outside", "back"), temp.Combine("root"));
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("root/base/walnut.png", "root/base/walnut.png")]
    [InlineData("root/linked/walnut.png", "root/base/walnut.png")]
    [InlineData("root/chain1.png", "root/base/walnut.png")]
    [InlineData("root/escape/secret.png", "outside/secret.png")]
    [InlineData("root/escape/back/linked", "root/base")]
    [InlineData("root", "root")]
    public void ShouldResolveEveryLinkAsTheWalkDoes(string path, string expected)
    {
        var full = temp.Combine(path);

        var kernel = PathSafety.RealPath(full);

        Assert.Equal(temp.Combine(expected), kernel);
        Assert.Equal(PathSafety.WalkRealPath(full), kernel);
    }

    [Theory]
    [InlineData("root/missing.png")]
    [InlineData("root/dangling.png")]
    [InlineData("root/loop-a.png")]
    [InlineData("root/base/walnut.png/inside")]
    public void ShouldFindNothingWhereTheWalkFindsNothing(string path)
    {
        var full = temp.Combine(path);

        Assert.Null(PathSafety.RealPath(full));
        Assert.Null(PathSafety.WalkRealPath(full));
    }

    [Fact]
    public async Task ShouldResolveAFifoWithoutBlocking()
    {
        var fifo = temp.Combine("root", "pipe.png");
        await TempFolder.MakeFifoAsync(fifo);

        var resolve = Task.Run(() => PathSafety.RealPath(temp.Combine("root", "linked", "..", "pipe.png")));

        Assert.Same(resolve, await Task.WhenAny(resolve, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(fifo, await resolve);
    }

    [Fact]
    public void ShouldRefuseALayerThatLeavesTheRootThroughALinkInTheMiddleOfItsPath()
    {
        Assert.Null(PathSafety.ResolveExistingFile(temp.Combine("root"), "escape/secret.png", out var reason));
        Assert.Equal(PathSafety.LeavesRootReason, reason);
        Assert.Equal(temp.Combine("root", "base", "walnut.png"), PathSafety.ResolveExistingFile(temp.Combine("root"), "linked/walnut.png", out reason));
        Assert.Null(reason);
    }

    [Fact]
    public void ShouldCallALinkToNothingMissingInsideTheRootAndRefusedOutsideIt()
    {
        File.CreateSymbolicLink(temp.Combine("root", "gone.png"), temp.Combine("outside", "gone.png"));

        Assert.Null(PathSafety.ResolveExistingFile(temp.Combine("root"), "dangling.png", out var reason));
        Assert.Equal("does not exist (a link that leads nowhere)", reason);
        Assert.Null(PathSafety.ResolveExistingFile(temp.Combine("root"), "gone.png", out reason));
        Assert.Equal(PathSafety.LeavesRootReason, reason);
    }

    [Fact]
    public void ShouldTellTheSizeAndTimeFromTheHandleAsALookupByPathDoes()
    {
        var real = temp.Combine("root", "base", "walnut.png");
        File.SetLastWriteTimeUtc(real, new DateTime(2026, 12, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567));
        var root = AssetRoot.Resolve(temp.Combine("root"));

        var found = PathSafety.FindExistingFile(root, "chain1.png", out var reason);
        var byPath = PathSafety.FindByPath(root.RealPath!, temp.Combine("root", "chain1.png"), out var pathReason);

        Assert.Null(reason);
        Assert.Null(pathReason);
        Assert.NotNull(found?.Identity);
        Assert.Null(byPath?.Identity);
        Assert.Equal(new FoundFile(real, IsDirectory: false, IsSpecial: false, 1, new FileInfo(real).LastWriteTimeUtc.Ticks), found!.Value with { Identity = null });
        Assert.Equal(found.Value with { Identity = null }, byPath);
        Assert.Equal(found, PathSafety.LookThroughHandle(temp.Combine("root", "linked", "walnut.png")));
    }

    [Fact]
    public async Task ShouldCallAFolderAFolderAndAFifoNoRegularFileWithoutBlocking()
    {
        var fifo = temp.Combine("root", "pipe.png");
        await TempFolder.MakeFifoAsync(fifo);

        var root = AssetRoot.Resolve(temp.Combine("root"));
        var find = Task.Run(() => PathSafety.FindExistingFile(root, "pipe.png", out _));

        Assert.Same(find, await Task.WhenAny(find, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.True((await find)?.IsSpecial);
        Assert.Null(PathSafety.FindExistingFile(root, "linked", out var reason));
        Assert.Equal("is a folder, not an image file", reason);
    }

    [Fact]
    public void ShouldNameAnUnsafePathBeforeAMissingRoot()
    {
        var missing = AssetRoot.Resolve(temp.Combine("no-such-root"));

        Assert.Null(missing.RealPath);
        Assert.Null(PathSafety.FindExistingFile(missing, "../base/walnut.png", out var reason));
        Assert.Equal("must not contain '..'", reason);
        Assert.Null(PathSafety.FindExistingFile(missing, "base/walnut.png", out reason));
        Assert.Equal($"asset root '{temp.Combine("no-such-root")}' does not exist", reason);
    }
}
