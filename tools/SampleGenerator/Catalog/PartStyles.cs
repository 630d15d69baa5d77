using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>The column and topper shapes the bench trophies offer, with the ids their image files and options take.</summary>
internal static class PartStyles
{
    public static readonly IReadOnlyList<(string Id, ColumnStyle Style)> Columns = [("plain", ColumnStyle.Plain), ("fluted", ColumnStyle.Fluted), ("twisted", ColumnStyle.Twisted)];

    public static readonly IReadOnlyList<(string Id, TopperStyle Style)> Toppers =
        [("cup", TopperStyle.Cup), ("urn", TopperStyle.Urn), ("star", TopperStyle.Star), ("victory", TopperStyle.Figure), ("torch", TopperStyle.Torch)];
}
