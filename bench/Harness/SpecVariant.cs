using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// A copy of a spec with fewer or more combinations: <c>SLOT=COUNT</c> keeps a slot's first COUNT options,
/// <c>SLOT*COPIES</c> repeats its options COPIES times, each copy one pixel further right (so every image differs
/// and nothing is served from a cache of identical prefixes). The asset root becomes absolute so the copy can live
/// anywhere and still read the original part images.
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
            if (keep.Split('*') is [var wide, var times])
            {
                Widen(specPath, slots, wide, times);
                continue;
            }

            var parts = keep.Split('=');
            if (parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new BenchException($"'{keep}' is not SLOT=COUNT or SLOT*COPIES");
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

    private static void Widen(string specPath, JsonArray slots, string slotId, string times)
    {
        if (!int.TryParse(times, CultureInfo.InvariantCulture, out var copies) || copies < 1)
        {
            throw new BenchException($"'{slotId}*{times}' is not SLOT*COPIES");
        }

        var slot = slots.FirstOrDefault(s => (string?)s!["id"] == slotId)
            ?? throw new BenchException($"{specPath} has no slot '{slotId}'");
        var options = slot["options"]!.AsArray();
        var originals = options.Select(o => o!.DeepClone().AsObject()).ToList();
        for (var copy = 1; copy < copies; copy++)
        {
            foreach (var original in originals)
            {
                var option = original.DeepClone().AsObject();
                option["id"] = $"{(string)original["id"]!}-{copy}";
                option["x"] = (int)original["x"]! + copy;
                options.Add(option);
            }
        }
    }
}
