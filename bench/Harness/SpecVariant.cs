using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// A smaller copy of a spec: named slots keep only their first options. The asset root becomes absolute so the
/// copy can live anywhere and still read the original part images.
/// </summary>
internal static class SpecVariant
{
    public static void Write(string specPath, string outPath, IEnumerable<string> keeps, TextWriter output)
    {
        var json = JsonNode.Parse(File.ReadAllText(specPath))!.AsObject();
        var folder = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        json["assetRoot"] = Path.GetFullPath((string)json["assetRoot"]!, folder);
        var slots = json["slots"]!.AsArray();
        foreach (var keep in keeps)
        {
            var parts = keep.Split('=');
            if (parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new BenchException($"'{keep}' is not SLOT=COUNT");
            }

            var slot = slots.FirstOrDefault(s => (string?)s!["id"] == parts[0])
                ?? throw new BenchException($"{specPath} has no slot '{parts[0]}'");
            var options = slot["options"]!.AsArray();
            while (options.Count > count)
            {
                options.RemoveAt(options.Count - 1);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        File.WriteAllText(outPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        output.WriteLine(new Grains.Combinations.CombinationSpace(BenchSpec.Load(outPath)).Total);
    }
}
