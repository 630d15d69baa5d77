namespace K2Orleans.Grains.Specs;

/// <summary>
/// A file found under an asset root (<see cref="PathSafety.FindExistingFile"/>): its path with every link resolved,
/// and what one look at it told: a folder, a FIFO, device or socket (<see cref="IsSpecial"/>; false when only the path
/// was asked, where such a file shows as empty), its size and modification time in <see cref="DateTime"/> ticks, and
/// which file object it is (null when only the path was asked), for a reader to check it opened that one.
/// </summary>
public readonly record struct FoundFile(string RealPath, bool IsDirectory, bool IsSpecial, long Length, long ModifiedTicks, FileIdentity? Identity = null);
