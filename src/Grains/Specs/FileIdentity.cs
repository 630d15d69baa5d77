namespace K2Orleans.Grains.Specs;

/// <summary>
/// Which file object a handle names: its device (major and minor, as statx gives them), inode and status change time.
/// The change time moves on every rename, link, unlink and chmod of the file, and no call can set it back, so an equal
/// identity is the same file, not moved or linked since it was last seen.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, long ChangedSeconds, uint ChangedNanoseconds);
