namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// How one band is compressed: at <paramref name="Level"/>, after each of <paramref name="Trials"/> (whole-band filters)
/// is compressed at <paramref name="TrialLevel"/> beside the spec's filter and the smallest kept.
/// </summary>
internal readonly record struct PngBandPlan(int Level, byte[] Trials, int TrialLevel);
