using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// Scale benchmark: 3 x 30 x 5 x 15 x (18 + none) = 128,250 combinations on a 64x96 canvas. Fifteen small
/// image files serve all 71 options through tints and offsets, so the asset folder stays tiny while the job
/// exercises planning, batching and progress at six-figure counts.
/// </summary>
internal static class Scale128k
{
    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("scale-128k", "Scale 128k", 64, 96);
        t.Slot(
            "base",
            new OptionModel("black-marble", t.Image("base/black-marble.png", seed => BaseBlock.Draw(60, 24, Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed, 0.2), 0.9, BaseStyle.Block, Palette.Gold, seed)), 2, 70),
            new OptionModel("white-marble", t.Image("base/white-marble.png", seed => BaseBlock.Draw(60, 24, Materials.Marble(Palette.WhiteMarble, Palette.WhiteMarbleVein, seed, 0.2), 0.8, BaseStyle.Stepped, null, seed)), 2, 70),
            new OptionModel("walnut", t.Image("base/walnut.png", seed => BaseBlock.Draw(60, 24, Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed, 0.2), 0.6, BaseStyle.Block, null, seed)), 2, 70));

        var columnStyles = new (string Id, ColumnStyle Style)[] { ("plain", ColumnStyle.Plain), ("fluted", ColumnStyle.Fluted), ("twisted", ColumnStyle.Twisted) };
        t.Slot("column", [.. columnStyles.SelectMany(s =>
        {
            var image = t.Image($"column/{s.Id}.png", seed => Column.Draw(10, 42, Palette.TintBase, s.Style, seed));
            return Tints.All.Select(tint => new OptionModel($"{s.Id}-{tint.Id}", image, 27, 31, tint.Hex));
        })]);

        var collar = t.Image("riser/collar.png", seed => Riser.Draw(22, 8, Palette.TintBase, RiserStyle.Collar, seed));
        t.Slot("riser", [.. Tints.All.Take(5).Select(tint => new OptionModel(tint.Id, collar, 21, 27, tint.Hex))]);

        var topperStyles = new (string Id, TopperStyle Style)[] { ("cup", TopperStyle.Cup), ("urn", TopperStyle.Urn), ("star", TopperStyle.Star), ("victory", TopperStyle.Figure), ("torch", TopperStyle.Torch) };
        t.Slot("topper", [.. topperStyles.SelectMany(s =>
        {
            var image = t.Image($"topper/{s.Id}.png", seed => Topper.Draw(36, 32, Palette.TintBase, s.Style, seed));
            return Tints.All.Take(3).Select(tint => new OptionModel($"{tint.Id}-{s.Id}", image, 14, -1, tint.Hex));
        })]);

        var plateWidths = new (string Id, int Width)[] { ("wide", 22), ("medium", 16), ("narrow", 10) };
        t.OptionalSlot("plate", [.. plateWidths.SelectMany(p =>
        {
            var image = t.Image($"plate/{p.Id}.png", seed => Plate.Draw(p.Width, 7, Palette.TintBase, seed));
            return Tints.All.Skip(2).Take(6).Select(tint => new OptionModel($"{p.Id}-{tint.Id}", image, 32 - (p.Width / 2), 79, tint.Hex));
        })]);
        return t.Build(OutputModel.Png());
    }
}
