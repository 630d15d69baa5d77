namespace K2Orleans.WordPress.Tests.Support;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "K2Orleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no K2Orleans.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootFolder.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
