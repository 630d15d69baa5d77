namespace K2Orleans.Grains.Rendering.Output;

/// <summary>
/// The current time as a folder's own filesystem sees it: the modification time of a probe file written there.
/// On a shared filesystem (NFS) the server stamps every file it writes with its own clock, so the age of a file
/// another host wrote is this time minus the file's modification time, whatever the two hosts' clocks say.
/// </summary>
internal static class FolderClock
{
    /// <summary>The folder's filesystem time, or null when no probe can be written there (then nothing can be deleted either).</summary>
    public static DateTime? Now(string folder)
    {
        // Named like a temporary file of this process, so a crash between create and delete leaves nothing a sweep misses.
        var probe = Path.Combine(folder, $".k2clock.{AtomicFileWriter.Owner}.{Random.Shared.Next():x8}{AtomicFileWriter.TempMarker}");
        try
        {
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                // Written, not only created: the write is what makes an NFS server stamp the file with its time.
                stream.WriteByte(0);
            }

            return File.GetLastWriteTimeUtc(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            AtomicFileWriter.TryDelete(probe);
        }
    }
}
