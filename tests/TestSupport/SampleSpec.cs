using System.Text.Json.Nodes;

namespace K2Orleans.TestSupport;

/// <summary>The committed sample trophies, shrunk to a small canvas so whole jobs render in seconds.</summary>
public static class SampleSpec
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

            return folder?.FullName ?? throw new InvalidOperationException("K2Orleans.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Folder(string sample) => Path.Combine(RepositoryRoot, "samples", sample);

    /// <summary>The sample's spec with the canvas resized, extra sizes dropped and the asset root made absolute.</summary>
    public static string Json(string sample, int width, int height)
    {
        var folder = Folder(sample);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "trophy.json")))!.AsObject();
        json["canvas"]!["width"] = width;
        json["canvas"]!["height"] = height;
        json["assetRoot"] = Path.Combine(folder, (string?)json["assetRoot"] ?? ".");
        json["output"]!.AsObject().Remove("sizes");
        return json.ToJsonString();
    }

    /// <summary>Writes <see cref="Json"/> to <c>&lt;folder&gt;/&lt;sample&gt;.json</c> and returns the path.</summary>
    public static string Write(string sample, string folder, int width, int height)
    {
        var path = Path.Combine(folder, sample + ".json");
        File.WriteAllText(path, Json(sample, width, height));
        return path;
    }
}
