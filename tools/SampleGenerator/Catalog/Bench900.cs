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
    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("bench-900", "Benchmark 900", 500, 800);
        t.Slot(
            "base",
            new OptionModel("black-marble", t.Image("base/black-marble.png", seed => BaseBlock.Draw(450, 188, Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed, 1.25), 0.9, BaseStyle.Block, Palette.Gold, seed)), 25, 598),
            new OptionModel("green-marble", t.Image("base/green-marble.png", seed => BaseBlock.Draw(450, 188, Materials.Marble(Palette.GreenMarble, Palette.GreenMarbleVein, seed, 1.25), 0.9, BaseStyle.Stepped, null, seed)), 25, 598),
            new OptionModel("walnut", t.Image("base/walnut.png", seed => BaseBlock.Draw(450, 188, Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed, 1.25), 0.6, BaseStyle.Block, Palette.Brass, seed)), 25, 598));

        var columns = new (string Id, Rgb Metal, ColumnStyle Style)[]
        {
            ("gold-fluted", Palette.Gold, ColumnStyle.Fluted),
            ("silver-plain", Palette.Silver, ColumnStyle.Plain),
            ("bronze-twisted", Palette.Bronze, ColumnStyle.Twisted),
            ("black-tapered", Palette.BlackChrome, ColumnStyle.Tapered),
            ("gold-banded", Palette.Gold, ColumnStyle.Banded),
        };
        t.Slot("column", [.. columns.Select(c => new OptionModel(c.Id, t.Image($"column/{c.Id}.png", seed => Column.Draw(70, 338, c.Metal, c.Style, seed)), 215, 277))]);

        var risers = new (string Id, Rgb Metal, RiserStyle Style)[]
        {
            ("gold-collar", Palette.Gold, RiserStyle.Collar),
            ("silver-trumpet", Palette.Silver, RiserStyle.Trumpet),
            ("bronze-ring", Palette.Bronze, RiserStyle.Ring),
            ("black-collar", Palette.BlackChrome, RiserStyle.Collar),
        };
        t.Slot("riser", [.. risers.Select(r => new OptionModel(r.Id, t.Image($"riser/{r.Id}.png", seed => Riser.Draw(150, 60, r.Metal, r.Style, seed)), 175, 250))]);

        var metals = new (string Id, Rgb Metal)[] { ("gold", Palette.Gold), ("silver", Palette.Silver), ("bronze", Palette.Bronze) };
        var styles = new (string Id, TopperStyle Style)[] { ("cup", TopperStyle.Cup), ("urn", TopperStyle.Urn), ("star", TopperStyle.Star), ("victory", TopperStyle.Figure), ("torch", TopperStyle.Torch) };
        t.Slot("topper", [.. styles.SelectMany(s => metals.Select(m => new OptionModel($"{m.Id}-{s.Id}", t.Image($"topper/{m.Id}-{s.Id}.png", seed => Topper.Draw(275, 250, m.Metal, s.Style, seed)), 112, 8)))]);
        return t.Build(OutputModel.Png());
    }
}
