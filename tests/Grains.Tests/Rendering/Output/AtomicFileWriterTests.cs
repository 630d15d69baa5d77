using System.Diagnostics;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Output;

namespace K2Orleans.Grains.Tests.Rendering.Output;

/// <summary>
/// The sweep of abandoned <c>*.k2tmp</c> files: a dead process's file of this host goes at once, another host's only
/// once it is older than the configured age by the folder's own clock, never by this host's.
/// </summary>
public sealed class AtomicFileWriterTests : IDisposable
{
    private static readonly string ThisHost = Environment.MachineName.Replace('.', '-');
    private readonly TempFolder temp = new();

    [Fact]
    public void ShouldDeleteADeadProcessesTempFileOfThisHostAtOnceAndKeepALiveOnesWhateverTheirAge()
    {
        var dead = TempFile($"{ThisHost}.{DeadPid()}", age: TimeSpan.Zero);
        var live = TempFile($"{ThisHost}.{Environment.ProcessId}", age: TimeSpan.FromDays(2));

        var deleted = AtomicFileWriter.SweepAbandoned(temp.Path, TimeSpan.FromHours(1), recursive: false, _ => DateTime.UtcNow);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public void ShouldJudgeAnotherHostsTempFilesByTheFolderClockNotThisHostsClock()
    {
        // The file server's clock runs three hours behind this host's: by this host's clock both files look three
        // hours old, by the folder's only the first is older than the two minutes.
        var folderNow = DateTime.UtcNow - TimeSpan.FromHours(3);
        var stale = TempFile("render-2.4242", modified: folderNow - TimeSpan.FromMinutes(3));
        var fresh = TempFile("render-2.4343", modified: folderNow - TimeSpan.FromSeconds(30));

        var deleted = AtomicFileWriter.SweepAbandoned(temp.Path, TimeSpan.FromMinutes(2), recursive: false, _ => folderNow);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void ShouldKeepAnotherHostsTempFilesWhenTheFolderClockCannotBeRead()
    {
        var old = TempFile("render-2.4242", age: TimeSpan.FromDays(1));

        var deleted = AtomicFileWriter.SweepAbandoned(temp.Path, TimeSpan.FromMinutes(2), recursive: false, _ => null);

        Assert.Equal(0, deleted);
        Assert.True(File.Exists(old));
    }

    [Fact]
    public void ShouldReadTheFolderClockFromAProbeFileAndLeaveNothingBehind()
    {
        var marker = temp.Combine("written-before");
        File.WriteAllBytes(marker, [0]);
        var before = File.GetLastWriteTimeUtc(marker);
        File.Delete(marker);

        var now = FolderClock.Now(temp.Path);

        Assert.NotNull(now);
        Assert.InRange(now.Value, before, before + TimeSpan.FromMinutes(1));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void ShouldDeleteAnotherHostsOldTempFileThroughTheRealFolderClock()
    {
        var stale = TempFile("render-2.4242", age: TimeSpan.FromMinutes(5));
        var fresh = TempFile("render-2.4343", age: TimeSpan.Zero);

        var deleted = AtomicFileWriter.SweepAbandoned(temp.Path, TimeSpan.FromMinutes(2), recursive: false);

        Assert.Equal(1, deleted);
        Assert.Equal([fresh], Directory.GetFiles(temp.Path));
        Assert.False(File.Exists(stale));
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("2.00:00:00")]
    public void ShouldRefuseAnAbandonedTempFileAgeOutOfRangeNamingTheKey(string age)
    {
        var options = new RenderingOptions { AbandonedTempFileAge = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(new RenderingOptionsValidator().Validate(null, options).Failures ?? [], e => e.StartsWith("Rendering:AbandonedTempFileAge must be", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();

    // On the test's local folder the filesystem clock is this host's.
    private string TempFile(string owner, TimeSpan age) => TempFile(owner, DateTime.UtcNow - age);

    private string TempFile(string owner, DateTime modified)
    {
        var path = temp.Combine($".a_b_c.png.{owner}.0badcafe{AtomicFileWriter.TempMarker}");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, modified);
        return path;
    }

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
