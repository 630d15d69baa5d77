using System.Text.Json.Nodes;
using ImageMagick;

namespace K2Orleans.Cli.Tests.Support;

/// <summary>Writes a spec whose layers are random noise, so each image takes real time to encode.</summary>
public static class NoisyTrophy
{
    public static string Write(string folder, int bases, int toppers, int side)
    {
        var random = new Random(7);
        var slots = new JsonArray();
        foreach (var (slot, count, opaque) in new[] { ("base", bases, true), ("topper", toppers, false) })
        {
            var options = new JsonArray();
            for (var o = 0; o < count; o++)
            {
                var rgba = new byte[side * side * 4];
                random.NextBytes(rgba);
                for (var i = 3; i < rgba.Length; i += 4)
                {
                    rgba[i] = opaque ? (byte)255 : rgba[i];
                }

                var image = $"{slot}/{o}.png";
                Directory.CreateDirectory(Path.Combine(folder, "assets", slot));
                using (var png = new MagickImage(rgba, new PixelReadSettings((uint)side, (uint)side, StorageType.Char, PixelMapping.RGBA)))
                {
                    png.Write(Path.Combine(folder, "assets", image), MagickFormat.Png);
                }

                options.Add(new JsonObject { ["id"] = $"{slot}-{o}", ["image"] = image });
            }

            slots.Add(new JsonObject { ["id"] = slot, ["options"] = options });
        }

        var spec = new JsonObject
        {
            ["slug"] = "noisy",
            ["canvas"] = new JsonObject { ["width"] = side, ["height"] = side },
            ["assetRoot"] = "assets",
            ["slots"] = slots,
        };
        var path = Path.Combine(folder, "trophy.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }
}
