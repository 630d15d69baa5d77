using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace K2Orleans.Grains.Specs;

/// <summary>
/// The few Linux calls the image path makes on a file handle, so that one open answers what a lookup by path asks the
/// kernel again and again (each time walking the whole path): the file's type, size and modification time (statx),
/// its real path (the handle's /proc entry), and its bytes (pread). Every method answers null or false when the call
/// is not there (another C library, no /proc); callers then ask by path as .NET does.
/// </summary>
internal static partial class LinuxFiles
{
    // open(2) flags: a handle that names the file without opening it for reading (a FIFO does not block, a device is
    // not touched); reading without waiting (a FIFO planted where a file was expected answers at once); closed on exec.
    public const int OpenPath = 0x200000;
    public const int OpenReadOnly = 0;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;

    // statx(2), whose struct has the same layout on every architecture: the fields asked for, where mode, size and
    // modification time sit, and the file types of the mode.
    private const int AtEmptyPath = 0x1000;
    private const uint StatxWanted = 0x1 | 0x40 | 0x80 | 0x100 | 0x200; // STATX_TYPE | STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE
    private const int StatxSize = 256;
    private const int StatxMode = 28;
    private const int StatxInode = 32;
    private const int StatxSizeAt = 40;
    private const int StatxChangedAt = 96;
    private const int StatxModifiedAt = 112;
    private const int StatxDevice = 136;
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int Interrupted = 4; // EINTR

    /// <summary>Whether these calls are used at all: on Linux, with a C library that has statx (glibc 2.28 and later).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && HasStatx();

    /// <summary>A file descriptor for <paramref name="path"/>, or -1 (nothing there, a link to nothing, no access).</summary>
    public static int Open(string path, int flags) => Available ? OpenHandle(path, flags) : -1;

    public static void Close(int fd) => _ = CloseHandle(fd);

    /// <summary>The file's type, size and modification time (in the ticks FileInfo.LastWriteTimeUtc gives), or null.</summary>
    public static HandleStatus? Status(int fd)
    {
        Span<byte> status = stackalloc byte[StatxSize];
        if (Statx(fd, "", AtEmptyPath, StatxWanted, ref MemoryMarshal.GetReference(status)) != 0 || (BinaryPrimitives.ReadUInt32LittleEndian(status) & StatxWanted) != StatxWanted)
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(status[StatxMode..]) & FileTypeMask;
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(status[StatxModifiedAt..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(status[(StatxModifiedAt + 8)..]);
        var identity = new FileIdentity(
            BinaryPrimitives.ReadUInt64LittleEndian(status[StatxDevice..]),
            BinaryPrimitives.ReadUInt64LittleEndian(status[StatxInode..]),
            BinaryPrimitives.ReadInt64LittleEndian(status[StatxChangedAt..]),
            BinaryPrimitives.ReadUInt32LittleEndian(status[(StatxChangedAt + 8)..]));
        return new HandleStatus(
            IsRegular: type == RegularType,
            IsDirectory: type == DirectoryType,
            Length: (long)BinaryPrimitives.ReadUInt64LittleEndian(status[StatxSizeAt..]),
            ModifiedTicks: DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100),
            identity);
    }

    /// <summary>The path the kernel has for the handle, every link resolved; null without /proc or for a deleted file.</summary>
    public static string? RealPathOf(int fd)
    {
        Span<byte> link = stackalloc byte[4096];
        var length = ReadLink($"/proc/self/fd/{fd}", ref MemoryMarshal.GetReference(link), (nuint)link.Length);
        if (length <= 0 || length >= link.Length || link[0] != (byte)'/')
        {
            return null;
        }

        var real = Encoding.UTF8.GetString(link[..(int)length]);
        return real.EndsWith(" (deleted)", StringComparison.Ordinal) ? null : real;
    }

    /// <summary>Reads from the start until <paramref name="buffer"/> is full or the file ends; -1 on an error.</summary>
    public static int ReadFromStart(int fd, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = ReadAt(fd, ref MemoryMarshal.GetReference(buffer[total..]), (nuint)(buffer.Length - total), total);
            if (read < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
                continue;
            }

            if (read <= 0)
            {
                return read < 0 ? -1 : total;
            }

            total += (int)read;
        }

        return total;
    }

    private static bool HasStatx()
    {
        try
        {
            // A handle that is none: the call fails (EBADF), which shows it is there.
            Span<byte> unused = stackalloc byte[StatxSize];
            _ = Statx(-1, "", AtEmptyPath, 0, ref MemoryMarshal.GetReference(unused));
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenHandle(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseHandle(int fd);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "readlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint ReadLink(string path, ref byte buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint ReadAt(int fd, ref byte buffer, nuint count, long offset);
}

/// <summary>What statx told of a handle (<see cref="LinuxFiles.Status"/>).</summary>
internal readonly record struct HandleStatus(bool IsRegular, bool IsDirectory, long Length, long ModifiedTicks, FileIdentity Identity);
