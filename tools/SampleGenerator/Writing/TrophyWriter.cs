using System.Text;
using System.Text.Json;
using K2Orleans.SampleGenerator.Catalog;
using K2Orleans.SampleGenerator.Png;

namespace K2Orleans.SampleGenerator.Writing;

/// <summary>Writes <c>&lt;parent&gt;/&lt;slug&gt;/trophy.json</c> and the part images under its asset root.</summary>
internal static class TrophyWriter
{
    public const string SpecFileName = "trophy.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static WrittenTrophy Write(TrophyDefinition trophy, string parentFolder)
    {
        var folder = Path.GetFullPath(Path.Combine(parentFolder, trophy.Spec.Slug));
        var assets = Path.Combine(folder, trophy.Spec.AssetRoot);

        // Images dropped from a catalogue would otherwise linger and be committed with the new ones.
        if (Directory.Exists(assets))
        {
            Directory.Delete(assets, recursive: true);
        }

        long bytes = 0;
        foreach (var (path, draw) in trophy.Images)
        {
            var layer = draw();
            var png = PngEncoder.Encode(layer.Width, layer.Height, layer.ToRgba8());
            var file = Path.Combine(assets, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, png);
            bytes += png.Length;
        }

        var json = SpecJsonFormatter.Format(JsonSerializer.SerializeToNode(trophy.Spec, JsonOptions)!);
        File.WriteAllText(Path.Combine(folder, SpecFileName), json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return new WrittenTrophy(folder, trophy.Images.Count, bytes, trophy.Spec.Combinations);
    }
}
