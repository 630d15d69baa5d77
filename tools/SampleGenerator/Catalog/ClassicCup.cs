using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// The small sample: 2 bases x 5 columns x (4 toppers + none) = 50 combinations. It exercises a tinted grey part,
/// an optional slot, layers that start outside the canvas, and an extra thumbnail size.
/// </summary>
internal static class ClassicCup
{
    public static TrophyDefinition Build()
    {
        var t = new TrophyBuilder("classic-cup", "Classic Cup", 300, 480);
        t.Slot(
            "base",
            new OptionModel("black-marble", t.Image("base/black-marble.png", seed => BaseBlock.Draw(280, 120, Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed), 0.9, BaseStyle.Block, Palette.Gold, seed)), 10, 356),
            // Wider than the canvas on purpose: it starts at x = -10 and is clipped on both sides.
            new OptionModel("walnut", t.Image("base/walnut.png", seed => BaseBlock.Draw(320, 120, Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed), 0.6, BaseStyle.Stepped, null, seed)), -10, 356));

        // One grey column serves every colour through the spec's tint.
        var column = t.Image("column/plain.png", seed => Column.Draw(40, 214, Palette.TintBase, ColumnStyle.Plain, seed));
        t.Slot("column", [.. Tints.Pick("gold", "silver", "bronze", "ruby", "sapphire").Select(tint => new OptionModel(tint.Id, column, 130, 156, tint.Hex))]);

        t.OptionalSlot(
            "topper",
            new OptionModel("cup", t.Image("topper/cup.png", seed => Topper.Draw(180, 170, Palette.Gold, TopperStyle.Cup, seed)), 60, 0),
            // Starts above the canvas (y = -14): the star's top point is clipped.
            new OptionModel("star", t.Image("topper/star.png", seed => Topper.Draw(180, 180, Palette.Gold, TopperStyle.Star, seed)), 60, -14),
            new OptionModel("victory", t.Image("topper/figure.png", seed => Topper.Draw(160, 174, Palette.TintBase, TopperStyle.Figure, seed)), 70, -6, "#c9a13b"),
            new OptionModel("torch", t.Image("topper/torch.png", seed => Topper.Draw(150, 172, Palette.Silver, TopperStyle.Torch, seed)), 75, -4));
        t.LastSlot(label: "Topper figure", defaultOption: "cup");

        return t.Build(OutputModel.Png(new SizeModel("-thumb", 160)));
    }
}
