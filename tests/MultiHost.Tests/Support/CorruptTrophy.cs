using System.Text.Json.Nodes;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>
/// A valid spec whose layer files are all junk: every combination fails with its own recorded error. Option ids are
/// long, as descriptive shop ids are, and file names long, so each recorded error (its key and the file its message names) is about 250 characters.
/// </summary>
public static class CorruptTrophy
{
    public const string Slug = "corrupt";

    public static string Write(string folder, int bases, int toppers)
    {
        var slots = new JsonArray();
        foreach (var (slot, count) in new[] { ("base", bases), ("topper", toppers) })
        {
            Directory.CreateDirectory(Path.Combine(folder, "assets", slot));
            var options = new JsonArray();
            for (var o = 0; o < count; o++)
            {
                var image = $"{slot}/{slot}-{o}-{new string('x', 120)}.png";
                File.WriteAllText(Path.Combine(folder, "assets", image), $"not an image, option {o} of slot {slot}");
                options.Add(new JsonObject { ["id"] = $"{slot}-{o:00}-with-a-long-descriptive-option-name", ["image"] = image });
            }

            slots.Add(new JsonObject { ["id"] = slot, ["options"] = options });
        }

        var spec = new JsonObject
        {
            ["slug"] = Slug,
            ["canvas"] = new JsonObject { ["width"] = 16, ["height"] = 16 },
            ["assetRoot"] = "assets",
            ["slots"] = slots,
        };
        var path = Path.Combine(folder, "corrupt.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }
}
