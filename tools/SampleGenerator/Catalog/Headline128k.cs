using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// The old daemon's headline job at full size: 3 x 30 x 5 x 15 x (18 + none) = 128,250 combinations of a 500x800
/// trophy, the slots of <see cref="Scale128k"/> with the part sizes and places of <see cref="Bench900"/>. Fifteen grey
/// or textured images serve all 71 options through tints, so the asset folder stays small while every render costs
/// what a real 500x800 product costs (bench/scale.sh).
/// </summary>
internal static class Headline128k
{
    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("headline-128k", "Headline 128k", 500, 800);
        t.Slot(
            "base",
            new OptionModel("black-marble", t.Image("base/black-marble.png", seed => BaseBlock.Draw(450, 188, Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed, 1.25), 0.9, BaseStyle.Block, Palette.Gold, seed)), 25, 598),
            new OptionModel("white-marble", t.Image("base/white-marble.png", seed => BaseBlock.Draw(450, 188, Materials.Marble(Palette.WhiteMarble, Palette.WhiteMarbleVein, seed, 1.25), 0.8, BaseStyle.Stepped, null, seed)), 25, 598),
            new OptionModel("walnut", t.Image("base/walnut.png", seed => BaseBlock.Draw(450, 188, Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed, 1.25), 0.6, BaseStyle.Block, Palette.Brass, seed)), 25, 598));

        var columnStyles = new (string Id, ColumnStyle Style)[] { ("plain", ColumnStyle.Plain), ("fluted", ColumnStyle.Fluted), ("twisted", ColumnStyle.Twisted) };
        t.Slot("column", [.. columnStyles.SelectMany(s =>
        {
            var image = t.Image($"column/{s.Id}.png", seed => Column.Draw(70, 338, Palette.TintBase, s.Style, seed));
            return Tints.All.Select(tint => new OptionModel($"{s.Id}-{tint.Id}", image, 215, 277, tint.Hex));
        })]);

        var collar = t.Image("riser/collar.png", seed => Riser.Draw(150, 60, Palette.TintBase, RiserStyle.Collar, seed));
        t.Slot("riser", [.. Tints.All.Take(5).Select(tint => new OptionModel(tint.Id, collar, 175, 250, tint.Hex))]);

        var topperStyles = new (string Id, TopperStyle Style)[] { ("cup", TopperStyle.Cup), ("urn", TopperStyle.Urn), ("star", TopperStyle.Star), ("victory", TopperStyle.Figure), ("torch", TopperStyle.Torch) };
        t.Slot("topper", [.. topperStyles.SelectMany(s =>
        {
            var image = t.Image($"topper/{s.Id}.png", seed => Topper.Draw(275, 250, Palette.TintBase, s.Style, seed));
            return Tints.All.Take(3).Select(tint => new OptionModel($"{tint.Id}-{s.Id}", image, 112, 8, tint.Hex));
        })]);

        // On the base's front face, centred.
        var plateWidths = new (string Id, int Width)[] { ("wide", 180), ("medium", 130), ("narrow", 80) };
        t.OptionalSlot("plate", [.. plateWidths.SelectMany(p =>
        {
            var image = t.Image($"plate/{p.Id}.png", seed => Plate.Draw(p.Width, 50, Palette.TintBase, seed));
            return Tints.All.Skip(2).Take(6).Select(tint => new OptionModel($"{p.Id}-{tint.Id}", image, 250 - (p.Width / 2), 680, tint.Hex));
        })]);
        return t.Build(OutputModel.Png());
    }
}
