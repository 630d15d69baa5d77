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
    /// <param name="copies">
    /// How many times each option of the first slot is offered (the copies named <c>&lt;id&gt;-2</c>, <c>&lt;id&gt;-3</c>…,
    /// same image): the combination count grows by this factor, so a test that must act mid-job has a job that no machine
    /// finishes in seconds, while each image stays as cheap.
    /// </param>
    public static string Json(string sample, int width, int height, int copies = 1)
    {
        var folder = Folder(sample);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "trophy.json")))!.AsObject();
        json["canvas"]!["width"] = width;
        json["canvas"]!["height"] = height;
        json["assetRoot"] = Path.Combine(folder, (string?)json["assetRoot"] ?? ".");
        json["output"]!.AsObject().Remove("sizes");
        var options = json["slots"]![0]!["options"]!.AsArray();
        foreach (var option in options.ToList())
        {
            for (var copy = 2; copy <= copies; copy++)
            {
                var clone = option!.DeepClone().AsObject();
                clone["id"] = $"{(string?)option["id"]}-{copy}";
                clone.Remove("label");
                options.Add(clone);
            }
        }

        return json.ToJsonString();
    }

    /// <summary>Writes <see cref="Json"/> to <c>&lt;folder&gt;/&lt;sample&gt;.json</c> and returns the path.</summary>
    public static string Write(string sample, string folder, int width, int height, int copies = 1)
    {
        var path = Path.Combine(folder, sample + ".json");
        File.WriteAllText(path, Json(sample, width, height, copies));
        return path;
    }
}
