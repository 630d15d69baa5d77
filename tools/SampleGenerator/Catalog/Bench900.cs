using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// Benchmark trophy at the size of the old daemon's real products: 500x800, 3 bases x 5 columns x 4 risers
/// x 15 toppers = 900 combinations, every option its own textured image (no tints), so decoding and
/// compositing cost what real assets cost.
/// </summary>
internal static class Bench900
{
    // The part sizes and places of a real 500x800 product, which Headline128k shares.
    public static readonly PartPlace BasePlace = new(450, 188, 25, 598);
    public static readonly PartPlace ColumnPlace = new(70, 338, 215, 277);
    public static readonly PartPlace RiserPlace = new(150, 60, 175, 250);
    public static readonly PartPlace TopperPlace = new(275, 250, 112, 8);

    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("bench-900", "Benchmark 900", 500, 800);
        BaseFinish.Slot(t, BasePlace, 1.25, BaseFinish.BlackMarble, BaseFinish.GreenMarble, BaseFinish.Walnut(Palette.Brass));

        var columns = new (string Id, Rgb Metal, ColumnStyle Style)[]
        {
            ("gold-fluted", Palette.Gold, ColumnStyle.Fluted),
            ("silver-plain", Palette.Silver, ColumnStyle.Plain),
            ("bronze-twisted", Palette.Bronze, ColumnStyle.Twisted),
            ("black-tapered", Palette.BlackChrome, ColumnStyle.Tapered),
            ("gold-banded", Palette.Gold, ColumnStyle.Banded),
        };
        t.Slot("column", [.. columns.Select(c => new OptionModel(c.Id, t.Image($"column/{c.Id}.png", seed => Column.Draw(ColumnPlace.Width, ColumnPlace.Height, c.Metal, c.Style, seed)), ColumnPlace.X, ColumnPlace.Y))]);

        var risers = new (string Id, Rgb Metal, RiserStyle Style)[]
        {
            ("gold-collar", Palette.Gold, RiserStyle.Collar),
            ("silver-trumpet", Palette.Silver, RiserStyle.Trumpet),
            ("bronze-ring", Palette.Bronze, RiserStyle.Ring),
            ("black-collar", Palette.BlackChrome, RiserStyle.Collar),
        };
        t.Slot("riser", [.. risers.Select(r => new OptionModel(r.Id, t.Image($"riser/{r.Id}.png", seed => Riser.Draw(RiserPlace.Width, RiserPlace.Height, r.Metal, r.Style, seed)), RiserPlace.X, RiserPlace.Y))]);

        var metals = new (string Id, Rgb Metal)[] { ("gold", Palette.Gold), ("silver", Palette.Silver), ("bronze", Palette.Bronze) };
        t.Slot("topper", [.. PartStyles.Toppers.SelectMany(s => metals.Select(m => new OptionModel($"{m.Id}-{s.Id}", t.Image($"topper/{m.Id}-{s.Id}.png", seed => Topper.Draw(TopperPlace.Width, TopperPlace.Height, m.Metal, s.Style, seed)), TopperPlace.X, TopperPlace.Y)))]);
        return t.Build(OutputModel.Png());
    }
}
