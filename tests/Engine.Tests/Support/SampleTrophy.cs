using System.Text.Json.Nodes;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Engine.Tests.Support;

/// <summary>A committed sample trophy, shrunk to a small canvas so a whole job renders in seconds.</summary>
public static class SampleTrophy
{
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "K2Orleans.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("K2Orleans.sln not found");
        }
    }

    public static JobRequest Request(string sample, string outputRoot, int width, int height, int batchSize, bool force = false)
    {
        var folder = Path.Combine(RepositoryRoot, "samples", sample);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "trophy.json")))!.AsObject();
        json["canvas"]!["width"] = width;
        json["canvas"]!["height"] = height;
        json["output"]!.AsObject().Remove("sizes");
        var result = new SpecParser().Parse(json.ToJsonString(), folder);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", result.Problems));
        }

        return new JobRequest(result.Spec!, outputRoot, force, batchSize);
    }
}
