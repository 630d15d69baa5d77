using K2Orleans.SampleGenerator.Catalog;

namespace K2Orleans.SampleGenerator.Corpus;

/// <summary>
/// The content corpus of bench/corpus.sh: six 4-slot trophies, each of one kind of picture content or size, so PNG
/// bytes are measured on more than the bench trophy's textured metal. Every slot's option is its own image; the slots
/// stack from a wide base at the bottom to a top part that covers the upper third of the canvas.
/// </summary>
internal static class CorpusTrophies
{
    /// <summary>Each slot's box as fractions of the canvas: left, top, width, height (base first).</summary>
    private static readonly (double X, double Y, double W, double H)[] SlotBoxes =
    [
        (0.05, 0.70, 0.90, 0.27),
        (0.30, 0.36, 0.40, 0.38),
        (0.18, 0.26, 0.64, 0.14),
        (0.12, 0.03, 0.76, 0.30),
    ];

    private static readonly string[] SlotIds = ["base", "body", "band", "top"];

    public static IReadOnlyList<TrophyDefinition> Build() =>
    [
        Member("corpus-photo", 400, 640, [2, 2, 3, 4], _ => CorpusKind.Photo),
        Member("corpus-vector", 400, 640, [2, 2, 3, 4], _ => CorpusKind.Vector),
        Member("corpus-gradient", 400, 640, [2, 2, 3, 4], _ => CorpusKind.Gradient),
        Member("corpus-glow", 400, 640, [2, 2, 3, 4], _ => CorpusKind.Glow),
        Member("corpus-thumbnail", 160, 256, [2, 2, 3, 4], Mixed),
        Member("corpus-large", 1600, 2560, [2, 2, 2, 2], Mixed),
    ];

    /// <summary>The mixed members draw each slot as another kind, as a real trophy mixes materials.</summary>
    private static CorpusKind Mixed(int slot) => (CorpusKind)(slot % 4);

    private static TrophyDefinition Member(string slug, int width, int height, int[] counts, Func<int, CorpusKind> kindOf)
    {
        var t = new TrophyBuilder(slug, slug, width, height);
        for (var s = 0; s < SlotBoxes.Length; s++)
        {
            var box = SlotBoxes[s];
            var (x, y) = ((int)(box.X * width), (int)(box.Y * height));
            var (w, h) = ((int)(box.W * width), (int)(box.H * height));
            var kind = kindOf(s);
            var options = new OptionModel[counts[s]];
            for (var o = 0; o < options.Length; o++)
            {
                var option = o;
                var id = $"{kind.ToString().ToLowerInvariant()}-{option + 1}";
                options[o] = new OptionModel(id, t.Image($"{SlotIds[s]}/{id}.png", seed => CorpusParts.Draw(kind, w, h, option, seed)), x, y);
            }

            t.Slot(SlotIds[s], options);
        }

        return t.Build(OutputModel.Png());
    }
}
