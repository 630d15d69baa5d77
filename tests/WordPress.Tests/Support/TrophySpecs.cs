using System.Text.Json.Nodes;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>Spec JSON as an editor would paste it into WordPress: <c>assetRoot</c> relative to the daemon's asset root.</summary>
public static class TrophySpecs
{
    /// <summary>A committed sample with its own slug, its assets at <c>&lt;sample&gt;/assets</c> under the asset root.</summary>
    public static JsonObject Sample(string sample, string slug)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Repository.Path("samples", sample, "trophy.json")))!.AsObject();
        spec["slug"] = slug;
        spec["assetRoot"] = $"{sample}/assets";
        return spec;
    }

    /// <summary>Two images of 16×16 pixels: a build takes a moment.</summary>
    public static JsonObject Tiny(string slug) => new()
    {
        ["slug"] = slug,
        ["name"] = $"Tiny {slug}",
        ["canvas"] = new JsonObject { ["width"] = 16, ["height"] = 16 },
        ["assetRoot"] = "classic-cup/assets",
        ["slots"] = new JsonArray(new JsonObject
        {
            ["id"] = "base",
            ["options"] = new JsonArray(
                new JsonObject { ["id"] = "black-marble", ["image"] = "base/black-marble.png", ["x"] = -100, ["y"] = -300 },
                new JsonObject { ["id"] = "walnut", ["image"] = "base/walnut.png", ["x"] = -100, ["y"] = -300 }),
        }),
    };
}
