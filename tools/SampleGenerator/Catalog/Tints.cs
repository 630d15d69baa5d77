namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>Named finishes for grey part images, as spec <c>tint</c> values.</summary>
internal static class Tints
{
    public static readonly IReadOnlyList<(string Id, string Hex)> All =
    [
        ("gold", "#d4af37"),
        ("silver", "#c4c6cc"),
        ("bronze", "#cd7f32"),
        ("copper", "#b87333"),
        ("ruby", "#b3243a"),
        ("sapphire", "#2f5aa8"),
        ("emerald", "#2e8b57"),
        ("amethyst", "#7b4fa0"),
        ("onyx", "#45454c"),
        ("pearl", "#eae0c8"),
    ];

    /// <summary>The named tints, in the order given.</summary>
    public static IEnumerable<(string Id, string Hex)> Pick(params string[] ids) =>
        ids.Select(id => All.Single(tint => tint.Id == id));
}
