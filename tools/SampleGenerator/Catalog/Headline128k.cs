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
        BaseFinish.Slot(t, Bench900.BasePlace, 1.25, BaseFinish.BlackMarble, BaseFinish.WhiteMarble, BaseFinish.Walnut(Palette.Brass));

        // The plate on the base's front face, centred.
        TintedSlots.Add(t, new TintedLayout(Bench900.ColumnPlace, Bench900.RiserPlace, Bench900.TopperPlace, new PartPlace(0, 50, 250, 680), [180, 130, 80]));
        return t.Build(OutputModel.Png());
    }
}
