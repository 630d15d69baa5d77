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
        BaseFinish.Slot(t, new PartPlace(60, 24, 2, 70), 0.2, BaseFinish.BlackMarble, BaseFinish.WhiteMarble, BaseFinish.Walnut(null));
        TintedSlots.Add(t, new TintedLayout(new PartPlace(10, 42, 27, 31), new PartPlace(22, 8, 21, 27), new PartPlace(36, 32, 14, -1), new PartPlace(0, 7, 32, 79), [22, 16, 10]));
        return t.Build(OutputModel.Png());
    }
}
