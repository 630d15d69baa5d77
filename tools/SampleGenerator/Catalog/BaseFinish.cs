using K2Orleans.SampleGenerator.Drawing;
using K2Orleans.SampleGenerator.Parts;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// One finish of a trophy base as the bench trophies use it: the stone or wood, its gloss, its shape and an optional
/// metal trim. <see cref="Slot"/> draws each at the trophy's base size; the grain scales the texture with it.
/// </summary>
internal sealed record BaseFinish(string Id, Func<uint, double, Albedo> Material, double Gloss, BaseStyle Style, Rgb? Trim)
{
    public static readonly BaseFinish BlackMarble = new("black-marble", (seed, grain) => Materials.Marble(Palette.BlackMarble, Palette.BlackMarbleVein, seed, grain), 0.9, BaseStyle.Block, Palette.Gold);
    public static readonly BaseFinish GreenMarble = new("green-marble", (seed, grain) => Materials.Marble(Palette.GreenMarble, Palette.GreenMarbleVein, seed, grain), 0.9, BaseStyle.Stepped, null);
    public static readonly BaseFinish WhiteMarble = new("white-marble", (seed, grain) => Materials.Marble(Palette.WhiteMarble, Palette.WhiteMarbleVein, seed, grain), 0.8, BaseStyle.Stepped, null);

    public static BaseFinish Walnut(Rgb? trim) => new("walnut", (seed, grain) => Materials.Wood(Palette.WalnutDark, Palette.WalnutLight, seed, grain), 0.6, BaseStyle.Block, trim);

    /// <summary>Adds the "base" slot: one image per finish, <c>base/ID.png</c>, all at <paramref name="place"/>.</summary>
    public static void Slot(TrophyBuilder t, PartPlace place, double grain, params BaseFinish[] finishes) =>
        t.Slot("base", [.. finishes.Select(f => new OptionModel(
            f.Id,
            t.Image($"base/{f.Id}.png", seed => BaseBlock.Draw(place.Width, place.Height, f.Material(seed, grain), f.Gloss, f.Style, f.Trim, seed)),
            place.X,
            place.Y))]);
}
