namespace K2Orleans.SampleGenerator.Writing;

/// <summary>Finds the checkout's samples/ folder so <c>samples</c> works without a path from anywhere inside it.</summary>
internal static class RepositoryLocator
{
    public const string SolutionFileName = "K2Orleans.sln";

    /// <summary>The samples/ folder beside the first K2Orleans.sln found walking up from <paramref name="start"/>, or null.</summary>
    public static string? FindSamplesFolder(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return Path.Combine(folder.FullName, "samples");
            }
        }

        return null;
    }
}
