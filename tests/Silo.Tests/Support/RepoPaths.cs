namespace K2Orleans.Silo.Tests.Support;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Deploy(string relative) => Path.Combine(Root, "deploy", relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "K2Orleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No K2Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
