using K2Orleans.MultiHost.Tests.Support;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// Keeps every silo's whole output of one test, passed or failed, in <c>artifacts/test-results/namespace-logs/&lt;test&gt;/</c>
/// (the cluster's own folder is deleted with it): where the figures came from, to read afterwards. Declare it after the
/// cluster, so it is disposed first.
/// </summary>
internal sealed class SavedLogs(MySqlCluster cluster, string test) : IAsyncDisposable
{
    private string Folder => Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(FailoverFigures.ResultsFile)!, "namespace-logs", test)).FullName;

    /// <summary>Keeps a log that the silos' current output no longer holds (a silo's life before it was started again).</summary>
    public void Keep(string name, string log) => File.WriteAllText(Path.Combine(Folder, name), log);

    public ValueTask DisposeAsync()
    {
        var folder = Folder;
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"silo-{i + 1}-{cluster.Silos[i].Host?.Address}.log"), cluster.Silos[i].Output);
        }

        return ValueTask.CompletedTask;
    }
}
