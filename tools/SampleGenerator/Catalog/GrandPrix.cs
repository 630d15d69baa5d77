using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>The full sample: 3 bases x 4 columns x 3 risers x 6 toppers x (2 plates + none) = 648 combinations.</summary>
internal static class GrandPrix
{
    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("grand-prix", "Grand Prix", 400, 640);
        t.Slot(
            "base",
            new OptionModel("black-marble", t.Image("base/black-marble.png", seed => BaseBlock.Draw(360, 150, Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed), 0.9, BaseStyle.Block, Palette.Gold, seed)), 20, 478),
            new OptionModel("white-marble", t.Image("base/white-marble.png", seed => BaseBlock.Draw(360, 150, Materials.Marble(Palette.WhiteMarble, Palette.WhiteMarbleVein, seed), 0.8, BaseStyle.Stepped, null, seed)), 20, 478),
            new OptionModel("walnut", t.Image("base/walnut.png", seed => BaseBlock.Draw(360, 150, Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed), 0.6, BaseStyle.Block, Palette.Brass, seed)), 20, 478));
        t.Slot(
            "column",
            Column(t, "gold-fluted", Palette.Gold, ColumnStyle.Fluted),
            Column(t, "silver-plain", Palette.Silver, ColumnStyle.Plain),
            Column(t, "bronze-twisted", Palette.Bronze, ColumnStyle.Twisted),
            Column(t, "black-tapered", Palette.BlackChrome, ColumnStyle.Tapered));
        t.Slot(
            "riser",
            Riser(t, "gold-collar", Palette.Gold, RiserStyle.Collar),
            Riser(t, "silver-trumpet", Palette.Silver, RiserStyle.Trumpet),
            Riser(t, "bronze-ring", Palette.Bronze, RiserStyle.Ring));
        t.Slot(
            "topper",
            Topper(t, "gold-cup", Palette.Gold, TopperStyle.Cup),
            Topper(t, "silver-urn", Palette.Silver, TopperStyle.Urn),
            Topper(t, "gold-star", Palette.Gold, TopperStyle.Star),
            Topper(t, "bronze-victory", Palette.Bronze, TopperStyle.Figure),
            Topper(t, "silver-ball", Palette.Silver, TopperStyle.Ball),
            Topper(t, "gold-torch", Palette.Gold, TopperStyle.Torch));
        t.LastSlot(defaultOption: "gold-cup");
        t.OptionalSlot(
            "plate",
            new OptionModel("brass", t.Image("plate/brass.png", seed => Plate.Draw(150, 36, Palette.Brass, seed)), 125, 524),
            new OptionModel("silver", t.Image("plate/silver.png", seed => Plate.Draw(150, 36, Palette.Silver, seed)), 125, 524));
        t.LastSlot(label: "Name plate", defaultOption: "brass");
        return t.Build(OutputModel.Png());
    }

    private static OptionModel Column(TrophyBuilder t, string id, Rgb metal, ColumnStyle style) =>
        new(id, t.Image($"column/{id}.png", seed => Parts.Column.Draw(56, 270, metal, style, seed)), 172, 222);

    private static OptionModel Riser(TrophyBuilder t, string id, Rgb metal, RiserStyle style) =>
        new(id, t.Image($"riser/{id}.png", seed => Parts.Riser.Draw(120, 48, metal, style, seed)), 140, 200);

    private static OptionModel Topper(TrophyBuilder t, string id, Rgb metal, TopperStyle style) =>
        new(id, t.Image($"topper/{id}.png", seed => Parts.Topper.Draw(220, 200, metal, style, seed)), 90, 6);
}
