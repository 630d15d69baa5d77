using System.Buffers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// An output image as one request sends it: read whole from one open file, with the fingerprint stamped in those bytes,
/// so the ETag always names the bytes sent even while a build replaces the file. Its buffer is rented; dispose it once
/// the answer is written. A file over <see cref="MaxInMemoryBytes"/> is not read here and is sent from its path.
/// </summary>
public sealed class ImageFile : IDisposable
{
    /// <summary>Images up to this size are read into memory to be sent (a 500x800 PNG is about 170 KB).</summary>
    public const int MaxInMemoryBytes = 16 * 1024 * 1024;

    private byte[]? rented;

    private ImageFile(string path, string? fingerprint, DateTimeOffset lastModified, long length, byte[]? rented)
    {
        Path = path;
        Fingerprint = fingerprint;
        LastModified = lastModified;
        Length = length;
        this.rented = rented;
    }

    public string Path { get; }

    /// <summary>The fingerprint stamped in the file; null when it has none.</summary>
    public string? Fingerprint { get; }

    public DateTimeOffset LastModified { get; }

    public long Length { get; }

    /// <summary>The file's bytes; null when it is too large to hold and is sent from <see cref="Path"/>.</summary>
    public ReadOnlyMemory<byte>? Content => rented is { } bytes ? new ReadOnlyMemory<byte>(bytes, 0, (int)Length) : (ReadOnlyMemory<byte>?)null;

    /// <summary>The file at <paramref name="path"/>, or null when it is missing or cannot be read.</summary>
    public static ImageFile? TryRead(string path, OutputFormat format) =>
        LinuxFiles.Available ? TryReadThroughHandle(path, format) : TryReadThroughStream(path, format);

    /// <summary>One open, one statx, one pread of the whole file: the cached image's path makes no other call.</summary>
    internal static ImageFile? TryReadThroughHandle(string path, OutputFormat format)
    {
        // Non-blocking: a FIFO planted where an image was expected answers at once instead of holding the request.
        var fd = LinuxFiles.Open(path, LinuxFiles.OpenReadOnly | LinuxFiles.OpenNonBlocking | LinuxFiles.OpenCloseOnExec);
        if (fd < 0)
        {
            return null;
        }

        byte[]? buffer = null;
        try
        {
            if (LinuxFiles.Status(fd) is not { IsRegular: true } status)
            {
                return null;
            }

            var lastModified = new DateTimeOffset(status.ModifiedTicks, TimeSpan.Zero);
            if (status.Length > MaxInMemoryBytes)
            {
                // Too large to hold per request: the stamp from the file's head, the bytes from the path.
                return new ImageFile(path, FingerprintStamp.Read(path, format), lastModified, status.Length, null);
            }

            buffer = ArrayPool<byte>.Shared.Rent((int)status.Length);
            var read = LinuxFiles.ReadFromStart(fd, buffer.AsSpan(0, (int)status.Length));
            if (read < 0)
            {
                return null;
            }

            var file = new ImageFile(path, FingerprintStamp.Parse(buffer.AsSpan(0, read), format), lastModified, read, buffer);
            buffer = null;
            return file;
        }
        finally
        {
            LinuxFiles.Close(fd);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    internal static ImageFile? TryReadThroughStream(string path, OutputFormat format)
    {
        byte[]? buffer = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            var length = stream.Length;
            var lastModified = new DateTimeOffset(File.GetLastWriteTimeUtc(stream.SafeFileHandle));
            if (length > MaxInMemoryBytes)
            {
                // Too large to hold per request: the stamp from the file's head, the bytes from the path.
                stream.Dispose();
                return new ImageFile(path, FingerprintStamp.Read(path, format), lastModified, length, null);
            }

            buffer = ArrayPool<byte>.Shared.Rent((int)length);
            var read = stream.ReadAtLeast(buffer.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false);
            var file = new ImageFile(path, FingerprintStamp.Parse(buffer.AsSpan(0, read), format), lastModified, read, buffer);
            buffer = null;
            return file;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref rented, null) is { } bytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
