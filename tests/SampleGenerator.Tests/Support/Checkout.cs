namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>Paths inside the checkout the tests were built from.</summary>
public static class Checkout
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

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
