using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// The slots above the base of the tinted scale trophies: 3 column shapes x 10 tints, 5 tinted collars, 5 topper shapes
/// x 3 tints and an optional plate of 3 widths x 6 tints on the base's front, so fifteen grey images serve 71 options.
/// <see cref="Headline128k"/> and <see cref="Scale128k"/> differ only in where and how large the parts are.
/// </summary>
internal static class TintedSlots
{
    public static void Add(TrophyBuilder t, TintedLayout layout)
    {
        var (column, riser, topper, plate) = (layout.Column, layout.Riser, layout.Topper, layout.Plate);
        t.Slot("column", [.. PartStyles.Columns.SelectMany(s =>
        {
            var image = t.Image($"column/{s.Id}.png", seed => Column.Draw(column.Width, column.Height, Palette.TintBase, s.Style, seed));
            return Tints.All.Select(tint => new OptionModel($"{s.Id}-{tint.Id}", image, column.X, column.Y, tint.Hex));
        })]);

        var collar = t.Image("riser/collar.png", seed => Riser.Draw(riser.Width, riser.Height, Palette.TintBase, RiserStyle.Collar, seed));
        t.Slot("riser", [.. Tints.All.Take(5).Select(tint => new OptionModel(tint.Id, collar, riser.X, riser.Y, tint.Hex))]);

        t.Slot("topper", [.. PartStyles.Toppers.SelectMany(s =>
        {
            var image = t.Image($"topper/{s.Id}.png", seed => Topper.Draw(topper.Width, topper.Height, Palette.TintBase, s.Style, seed));
            return Tints.All.Take(3).Select(tint => new OptionModel($"{tint.Id}-{s.Id}", image, topper.X, topper.Y, tint.Hex));
        })]);

        var widths = new[] { "wide", "medium", "narrow" }.Zip(layout.PlateWidths);
        t.OptionalSlot("plate", [.. widths.SelectMany(p =>
        {
            var image = t.Image($"plate/{p.First}.png", seed => Plate.Draw(p.Second, plate.Height, Palette.TintBase, seed));
            return Tints.All.Skip(2).Take(6).Select(tint => new OptionModel($"{p.First}-{tint.Id}", image, plate.X - (p.Second / 2), plate.Y, tint.Hex));
        })]);
    }
}
